using SessionBridge.Bridge.Panes;
using SessionBridge.Bridge.Remote;
using SessionBridge.Bridge.Results;

namespace SessionBridge.Bridge;

/// <summary>
/// respond: answers a peer's menu or question, by keys on its screen or, when it has a pending permission request,
/// through its own hook (<see cref="PaneAnswering"/>, on the host of its pane).
/// </summary>
internal sealed class MenuAnswering(PeerDirectory peers, PeerPanes panes)
{
    /// <summary>
    /// The person answers one pending request from outside any pane (the web board): the same path as respond, by
    /// request id only (so never a key pressed into whatever came next), decided by <c>person</c> and recorded as
    /// answered through <paramref name="via"/>. An option's label, several labels, own text, or a reason (a No).
    /// </summary>
    public Task<RespondResult> AnswerAsPersonAsync(
        string role,
        string request,
        string? option,
        IReadOnlyList<string>? labels,
        string? text,
        string? reason,
        string via,
        CancellationToken cancellationToken
    ) => RespondAsync(new RespondRequest(role, null, option, request, labels, text, reason, [], via), cancellationToken);

    public async Task<RespondResult> RespondAsync(RespondRequest asked, CancellationToken cancellationToken)
    {
        var name = RoleName.Parse(asked.Role);
        var throughHook = asked.Request is not null || asked.Labels is { Count: > 0 } || asked.Text is not null || asked.Reason is not null;
        if (throughHook && asked.Keys is { Count: > 0 })
        {
            throw new BridgeException(
                "{arg:keys} press keys; {arg:request}, {arg:options}, {arg:text} and {arg:reason} answer a pending request "
                    + "through the peer's hook. Give one or the other."
            );
        }

        var peer = await peers.FindAsync(name, "role", cancellationToken);
        return await panes.For(peer).RespondAsync(peer, asked with { Role = name.Value }, cancellationToken);
    }
}
