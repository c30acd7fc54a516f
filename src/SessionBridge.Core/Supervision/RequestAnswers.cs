using System.Text.Encodings.Web;
using System.Text.Json;
using SessionBridge.State;

namespace SessionBridge.Supervision;

/// <summary>
/// What respond's answer means for a request, as a decision for its hook. For a permission: a label starting
/// "No" denies (with the reason, which the peer's model receives), "don't ask again" or "always allow" allows and
/// keeps the request's own permission suggestions as rules, any other label allows. For AskUserQuestion: the label
/// of one of its options, several labels (multiSelect) or free text become <c>updatedInput.answers</c>, keyed by the
/// question's exact text; a reason alone declines.
/// </summary>
internal static class RequestAnswers
{
    public static RequestDecision For(
        PermissionRequestRecord request,
        string? label,
        IReadOnlyList<string>? labels,
        string? text,
        string? reason
    )
    {
        var summary = RequestSummary.Of(request);
        return summary.IsQuestion ? ForQuestion(request, summary, label, labels, text, reason) : ForPermission(request, label, labels, text, reason);
    }

    private static RequestDecision ForPermission(PermissionRequestRecord request, string? label, IReadOnlyList<string>? labels, string? text, string? reason)
    {
        if (labels is { Count: > 0 } || text is not null)
        {
            throw new BridgeException(
                $"{request.Role}'s request {request.Id} asks for a permission ({request.ToolName}), not a question: answer "
                    + "with {arg:option} \"Yes\" or \"No\" (and {arg:reason} with a No)."
            );
        }

        if (label is null)
            return new RequestDecision(false, null, reason);
        if (label.StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return new RequestDecision(false, label, reason ?? $"The supervisor ({request.Supervisor}) said no.");
        var keep =
            label.Contains("don't ask again", StringComparison.OrdinalIgnoreCase)
            || label.Contains("always allow", StringComparison.OrdinalIgnoreCase);
        return new RequestDecision(true, label, UpdatedPermissions: keep && RequestSummary.HasSuggestions(request) ? request.PermissionSuggestions : null);
    }

    private static RequestDecision ForQuestion(
        PermissionRequestRecord request,
        RequestSummary summary,
        string? label,
        IReadOnlyList<string>? labels,
        string? text,
        string? reason
    )
    {
        if (summary.Questions.Count == 0)
            throw new BridgeException($"{request.Role}'s request {request.Id} holds no question to answer.");
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (text is not null)
            answers[summary.Questions[0].Question] = text;
        else if (labels is { Count: > 0 })
            answers[summary.Questions[0].Question] = string.Join(", ", labels.Select(l => Option(summary.Questions[0], l)));
        else if (label is not null)
        {
            var question = summary.Questions.FirstOrDefault(q => Matches(q, label) is not null) ?? throw NoSuchOption(request, summary, label);
            answers[question.Question] = Matches(question, label)!;
        }
        else
            return new RequestDecision(false, null, reason ?? $"The supervisor ({request.Supervisor}) declined to answer.");

        return new RequestDecision(true, string.Join("; ", answers.Values), UpdatedInput: WithAnswers(request.ToolInput, answers));
    }

    private static string Option(RequestQuestion question, string label) =>
        Matches(question, label)
        ?? throw new BridgeException(
            $"\"{label}\" is none of the options of \"{question.Question}\": {string.Join("; ", question.Options)}."
        );

    /// <summary>The option's exact label: equal in any case, else the one option it starts.</summary>
    private static string? Matches(RequestQuestion question, string label)
    {
        var wanted = label.Trim();
        return question.Options.FirstOrDefault(o => string.Equals(o, wanted, StringComparison.OrdinalIgnoreCase))
            ?? (question.Options.Where(o => o.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)).ToList() is [var only] ? only : null);
    }

    private static BridgeException NoSuchOption(PermissionRequestRecord request, RequestSummary summary, string label) =>
        new(
            $"\"{label}\" is none of the options of {request.Role}'s question: "
                + string.Join("; ", summary.Questions.SelectMany(q => q.Options))
                + ". Give one of them as {arg:option}, several as {arg:options}, or your own words as {arg:text}."
        );

    /// <summary>The tool input as Claude Code gave it, every property kept, with <c>answers</c> set.</summary>
    private static JsonElement WithAnswers(JsonElement? input, Dictionary<string, string> answers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (input is { ValueKind: JsonValueKind.Object } original)
            {
                foreach (var property in original.EnumerateObject().Where(p => p.Name != "answers"))
                    property.WriteTo(json);
            }

            json.WriteStartObject("answers");
            foreach (var (question, answer) in answers)
                json.WriteString(question, answer);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
