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
