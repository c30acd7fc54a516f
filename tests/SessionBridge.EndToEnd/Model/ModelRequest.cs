using System.Text.Json.Nodes;

namespace SessionBridge.EndToEnd.Model;

/// <summary>
/// One request Claude Code sent to the scripted Messages API, with readers for what tests assert on: the
/// user's words, the tool results, and everything in the model's context.
/// </summary>
public sealed record ModelRequest(int Number, string Path, JsonObject Body, bool IsMain, DateTimeOffset ReceivedAt)
{
    public IReadOnlyList<JsonObject> Messages =>
        Body["messages"] is JsonArray messages ? [.. messages.OfType<JsonObject>()] : [];

    public IReadOnlyList<string> ToolNames =>
        Body["tools"] is JsonArray tools ? [.. tools.Select(t => (string?)t?["name"] ?? "")] : [];

    public bool Streams => Body["stream"]?.GetValue<bool>() == true;

    /// <summary>The text blocks of the newest user message (tool results excluded), joined by newlines.</summary>
    public string LastUserText
    {
        get
        {
            var last = Messages.LastOrDefault(m => (string?)m["role"] == "user");
            return last is null ? "" : string.Join("\n", TextBlocks(last["content"]));
        }
    }

    /// <summary>Every text block of every user message, oldest first.</summary>
    public IReadOnlyList<string> UserTexts =>
        [.. Messages.Where(m => (string?)m["role"] == "user").SelectMany(m => TextBlocks(m["content"]))];

    /// <summary>
    /// The text of the tool result Claude Code sent back for the newest call of <paramref name="tool"/> in
    /// this conversation, or null if there is none yet.
    /// </summary>
    public string? ToolResult(string tool)
    {
        string? id = null;
        foreach (var message in Messages.Where(m => (string?)m["role"] == "assistant"))
        {
            foreach (var block in Blocks(message["content"]))
            {
                if ((string?)block["type"] == "tool_use" && (string?)block["name"] == tool)
                    id = (string?)block["id"];
            }
        }

        if (id is null)
            return null;
        foreach (var message in Messages.Where(m => (string?)m["role"] == "user"))
        {
            foreach (var block in Blocks(message["content"]))
            {
                if ((string?)block["type"] == "tool_result" && (string?)block["tool_use_id"] == id)
                    return string.Join("\n", ContentText(block["content"]));
            }
        }

        return null;
    }

    /// <summary>Every text block in the model's context: system prompt, messages, tool results.</summary>
    public IReadOnlyList<string> ContextBlocks =>
        [.. ContentText(Body["system"]), .. Messages.SelectMany(m => ContentText(m["content"]))];

    /// <summary>All the text in the model's context, one block after another.</summary>
    public string ContextText => string.Join("\n", ContextBlocks);

    public override string ToString() =>
        $"#{Number} {(IsMain ? "main" : "side")} {Path} last user text: \"{Shorten(LastUserText)}\"";

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;

    private static IEnumerable<JsonObject> Blocks(JsonNode? content) =>
        content is JsonArray array ? array.OfType<JsonObject>() : [];

    private static IEnumerable<string> TextBlocks(JsonNode? content)
    {
        if (content is JsonValue value)
        {
            yield return value.GetValue<string>();
            yield break;
        }

        foreach (var block in Blocks(content))
        {
            if ((string?)block["type"] == "text")
                yield return (string?)block["text"] ?? "";
        }
    }

    /// <summary>Text blocks at any depth (tool results hold their own content arrays), or a plain string.</summary>
    private static IEnumerable<string> ContentText(JsonNode? content)
    {
        if (content is JsonValue value)
        {
            yield return value.GetValue<string>();
            yield break;
        }

        foreach (var block in Blocks(content))
        {
            if ((string?)block["type"] == "text")
                yield return (string?)block["text"] ?? "";
            else if (block["content"] is { } inner)
            {
                foreach (var text in ContentText(inner))
                    yield return text;
            }
        }
    }
}
