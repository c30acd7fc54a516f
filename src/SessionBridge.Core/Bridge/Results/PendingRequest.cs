using System.Text.Json;
using SessionBridge.State;
using SessionBridge.Supervision;

namespace SessionBridge.Bridge.Results;

/// <summary>
/// A pending request whole, for a board that shows it and answers it (the person's web page): the tool's input
/// exactly as Claude Code gave the hook (the Bash command, the file and its change, the questions with their options
/// and descriptions), the questions' exact texts and labels (answers are keyed by them), the options a decider has,
/// who decides, since when. Nothing is cleaned or cut: a page shows it as text, never as HTML.
/// </summary>
/// <param name="Input">The tool input as the hook received it; null when Claude Code gave none.</param>
/// <param name="Questions">AskUserQuestion's questions; empty for a permission.</param>
/// <param name="Options">The first question's labels, or a permission's: Yes, (Yes, and don't ask again,) No.</param>
internal sealed record PendingRequest(
    string Id,
    string Role,
    string Supervisor,
    string Tool,
    JsonElement? Input,
    IReadOnlyList<RequestQuestion> Questions,
    IReadOnlyList<string> Options,
    DateTimeOffset Since
)
{
    public bool IsQuestion => Tool == RequestSummary.AskUserQuestion;

    public static PendingRequest Of(PermissionRequestRecord request)
    {
        var summary = RequestSummary.Of(request);
        return new PendingRequest(
            request.Id,
            request.Role,
            request.Supervisor,
            request.ToolName,
            request.ToolInput,
            summary.Questions,
            summary.Options,
            request.CreatedAt
        );
    }
}
