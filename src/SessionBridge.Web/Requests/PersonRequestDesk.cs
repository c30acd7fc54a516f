using SessionBridge.Bridge.Results;
using SessionBridge.Supervision;
using SessionBridge.Web.Teams;

namespace SessionBridge.Web.Requests;

/// <summary>
/// The person's desk: every pending request of the team (<see cref="Bridge.Supervising.PendingRequestsAsync"/>), answered
/// through the role's hook as <c>person</c> (<see cref="Bridge.MenuAnswering.AnswerAsPersonAsync"/>), so history
/// records it as decided by the person through the web.
/// </summary>
internal sealed class PersonRequestDesk : IRequestDesk
{
    /// <summary>How the answers are recorded: "decided by person through the web".</summary>
    public const string Via = "web";

    public async Task<IReadOnlyList<WebRequest>> PendingAsync(BoardTeam team, CancellationToken cancellationToken) =>
        [.. (await team.Bridge.Supervising.PendingRequestsAsync(cancellationToken)).Select(r => WebRequest.Of(team.Name, r))];

    public Task<RespondResult> AnswerAsync(BoardTeam team, WebAnswer answer, CancellationToken cancellationToken) =>
        team.Bridge.Menus.AnswerAsPersonAsync(
            answer.Role ?? "",
            answer.Request ?? throw new BridgeException("\"request\" is missing: name the request answered (its id, as the board lists it)."),
            answer.Option,
            answer.Options is { Count: > 0 } labels ? labels : null,
            answer.Text,
            answer.Reason,
            Via,
            cancellationToken
        );
}
