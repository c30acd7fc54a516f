using System.Text.Json;
using SessionBridge.Bridge.Results;
using SessionBridge.Supervision;

namespace SessionBridge.Web.Requests;

/// <summary>
/// One pending request as the board shows it: the summary <c>respond</c> works from (tool, subject, questions,
/// options, who decides) and <c>Input</c>, the tool input exactly as Claude Code gave the role's hook.
/// </summary>
internal sealed record WebRequest(
    string Id,
    string Role,
    string Team,
    string Tool,
    string Subject,
    string Supervisor,
    DateTimeOffset Since,
    IReadOnlyList<RequestQuestion>? Questions,
    IReadOnlyList<string> Options,
    JsonElement? Input
)
{
    private static readonly string[] SubjectFields = ["command", "file_path", "notebook_path", "url", "plan"];

    public static WebRequest Of(string team, PendingRequest request) =>
        new(
            request.Id,
            request.Role,
            team,
            request.Tool,
            SubjectOf(request),
            request.Supervisor,
            request.Since,
            request.Questions,
            request.Options,
            request.Input
        );

    /// <summary>One line for the page when it cannot lay the input out: the command, the file, the first question, else the input.</summary>
    private static string SubjectOf(PendingRequest request)
    {
        if (request.Questions.Count > 0)
            return request.Questions[0].Question;
        if (request.Input is not { } input)
            return "";
        if (input.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in SubjectFields)
            {
                if (input.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                    return value.GetString() ?? "";
            }
        }

        return input.GetRawText();
    }
}
