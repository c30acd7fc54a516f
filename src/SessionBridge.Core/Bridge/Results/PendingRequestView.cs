using SessionBridge.State;
using SessionBridge.Supervision;

namespace SessionBridge.Bridge.Results;

/// <summary>
/// A supervised peer's pending permission request as Claude Code gave its hook (not scraped from the screen): the
/// tool and its subject (the command, the file, the first question), AskUserQuestion's questions and options, the
/// options a supervisor has, who decides and since when. Texts are cleaned of control characters and cut when huge.
/// </summary>
internal sealed record PendingRequestView(
    string Id,
    string Tool,
    string Subject,
    string Supervisor,
    DateTimeOffset Since,
    IReadOnlyList<RequestQuestion>? Questions,
    IReadOnlyList<string> Options
)
{
    private const int MaxText = 300;

    public static PendingRequestView Of(PermissionRequestRecord request)
    {
        var summary = RequestSummary.Of(request);
        var questions = summary.IsQuestion
            ? summary
                .Questions.Select(q => new RequestQuestion(
                    ShownText.Clean(q.Question, MaxText),
                    q.Header is null ? null : ShownText.Clean(q.Header, 100),
                    q.Options.Select(o => ShownText.Clean(o, 100)).ToList(),
                    q.MultiSelect
                ))
                .ToList()
            : null;
        return new PendingRequestView(
            request.Id,
            summary.Tool,
            summary.Subject,
            request.Supervisor,
            request.CreatedAt,
            questions,
            summary.Options.Select(o => ShownText.Clean(o, 100)).ToList()
        );
    }
}
