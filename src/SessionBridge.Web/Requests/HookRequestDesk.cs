using SessionBridge.Bridge.Remote;
using SessionBridge.Bridge.Results;
using SessionBridge.Web.Teams;

namespace SessionBridge.Web.Requests;

/// <summary>
/// Today's desk: the requests supervised roles' PermissionRequest hooks recorded, and <c>respond</c>'s use case to
/// answer them. The board's options name no caller pane, so the decider is <c>person</c>, as on the command line.
/// </summary>
internal sealed class HookRequestDesk : IRequestDesk
{
    public async Task<IReadOnlyList<WebRequest>> PendingAsync(BoardTeam team, CancellationToken cancellationToken)
    {
        var state = team.Bridge.State;
        if (!await state.Requests.AnyAsync(cancellationToken))
            return [];
        var now = team.Bridge.Clock.GetUtcNow();
        return (await state.Requests.AllAsync(cancellationToken))
            .Where(r => r.IsPending && r.WaitUntil > now)
            .Select(r =>
            {
                var view = PendingRequestView.Of(r);
                return new WebRequest(r.Id, r.Role, team.Name, view.Tool, view.Subject, view.Supervisor, view.Since, view.Questions, view.Options, r.ToolInput);
            })
            .ToList();
    }

    public Task<RespondResult> AnswerAsync(BoardTeam team, WebAnswer answer, CancellationToken cancellationToken) =>
        team.Bridge.Menus.RespondAsync(
            new RespondRequest(
                answer.Role ?? "",
                null,
                answer.Option,
                answer.Request,
                answer.Options is { Count: > 0 } labels ? labels : null,
                answer.Text,
                answer.Reason
            ),
            cancellationToken
        );
}
