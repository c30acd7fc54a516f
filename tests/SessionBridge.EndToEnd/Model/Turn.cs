using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBridge.EndToEnd.Model;

/// <summary>
/// One answer of the scripted model to one main-conversation request: a text reply, or a single tool call.
/// </summary>
public sealed record Turn
{
    private Turn(string? text, string? tool, JsonObject? input)
    {
        Text = text;
        Tool = tool;
        Input = input;
    }

    public string? Text { get; }

    public string? Tool { get; }

    public JsonObject? Input { get; }

    /// <summary>
    /// While this task runs, the response stays open (Claude Code shows its spinner: busy); the text streams
    /// once it completes.
    /// </summary>
    public Task? Hold { get; init; }

    /// <summary>For a text reply with a <see cref="Hold"/>: the words streamed before holding, as a model part-way through its answer.</summary>
    public string? Lead { get; init; }

    public static Turn Reply(string text) => new(text, null, null);

    /// <summary>A call of one of Claude Code's own tools, e.g. AskUserQuestion.</summary>
    public static Turn Call(string tool, object input) =>
        new(null, tool, JsonSerializer.SerializeToNode(input)?.AsObject() ?? []);

    /// <summary>A call of one of session-bridge's tools, as Claude Code names it: mcp__session-bridge__&lt;tool&gt;.</summary>
    public static Turn Bridge(string tool, object input) => Call(BridgeTool(tool), input);

    public static string BridgeTool(string tool) => "mcp__session-bridge__" + tool;

    public override string ToString() => Tool is null ? $"reply \"{Text}\"" : $"call {Tool} {Input?.ToJsonString()}";
}
