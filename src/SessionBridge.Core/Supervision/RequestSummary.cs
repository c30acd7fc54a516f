using System.Text.Json;
using SessionBridge.State;

namespace SessionBridge.Supervision;

/// <summary>
/// What a permission request asks, read from the tool input Claude Code gave its hook (never from the screen):
/// Bash's command, a file tool's path, AskUserQuestion's questions and options; the options a supervisor has.
/// Texts are cleaned and cut (<see cref="ShownText"/>): they are shown, never typed.
/// </summary>
/// <param name="Subject">The command, the file, or the first question; for another tool its input as JSON, cut.</param>
internal sealed record RequestSummary(string Tool, string Subject, IReadOnlyList<RequestQuestion> Questions, IReadOnlyList<string> Options)
{
    public const string AskUserQuestion = "AskUserQuestion";

    /// <summary>The label that allows and keeps the request's own permission suggestions as rules.</summary>
    public const string DontAskAgain = "Yes, and don't ask again";

    private const int MaxSubject = 500;

    public bool IsQuestion => Tool == AskUserQuestion;

    public static RequestSummary Of(PermissionRequestRecord request)
    {
        var input = request.ToolInput;
        var tool = ShownText.Clean(request.ToolName, 100);
        if (request.ToolName == AskUserQuestion)
        {
            var questions = QuestionsOf(input);
            return new RequestSummary(tool, questions.Count > 0 ? questions[0].Question : Compact(input), questions, questions.Count > 0 ? questions[0].Options : []);
        }

        var subject =
            Text(input, "command") ?? Text(input, "file_path") ?? Text(input, "notebook_path") ?? Text(input, "url") ?? Text(input, "plan")
            ?? Compact(input);
        List<string> options = HasSuggestions(request) ? ["Yes", DontAskAgain, "No"] : ["Yes", "No"];
        return new RequestSummary(tool, subject, [], options);
    }

    public static bool HasSuggestions(PermissionRequestRecord request) =>
        request.PermissionSuggestions is { ValueKind: JsonValueKind.Array } suggestions && suggestions.GetArrayLength() > 0;

    /// <summary>AskUserQuestion's questions: the exact texts, since its answers are keyed by them.</summary>
    public static IReadOnlyList<RequestQuestion> QuestionsOf(JsonElement? input)
    {
        if (input is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("questions", out var questions)
            || questions.ValueKind != JsonValueKind.Array)
            return [];
        var found = new List<RequestQuestion>();
        foreach (var question in questions.EnumerateArray())
        {
            if (question.ValueKind != JsonValueKind.Object || Raw(question, "question") is not { } text)
                continue;
            var labels = question.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Array
                ? options.EnumerateArray().Select(o => Raw(o, "label")).OfType<string>().ToList()
                : [];
            var multi = question.TryGetProperty("multiSelect", out var m) && m.ValueKind == JsonValueKind.True;
            found.Add(new RequestQuestion(text, Raw(question, "header"), labels, multi));
        }

        return found;
    }

    private static string? Text(JsonElement? input, string name) =>
        Raw(input, name) is { } value ? ShownText.Clean(value, MaxSubject) : null;

    private static string? Raw(JsonElement? input, string name) =>
        input is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Compact(JsonElement? input) => input is { } value ? ShownText.Clean(value.GetRawText(), MaxSubject) : "";
}
