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

    /// <summary>
    /// A call of one of session-bridge's tools whose input the model works out from what it has seen, as a
    /// real model would: e.g. a message id from an earlier tool result in <paramref name="input"/>'s request.
    /// </summary>
    public static Turn Bridge(string tool, Func<ModelRequest, object> input) =>
        new(null, BridgeTool(tool), null) { InputFrom = input };

    /// <summary>
    /// A turn the model picks from what it has seen, e.g. a respond call when a tool result showed a menu and a
    /// short reply otherwise. No ToolSearch is made first, so a tool it may call must be loaded already.
    /// </summary>
    public static Turn Choose(Func<ModelRequest, Turn> choose) => new(null, null, null) { ChooseFrom = choose };

    public static string BridgeTool(string tool) => "mcp__session-bridge__" + tool;

    /// <summary>For a call whose input depends on the request it answers; see <see cref="Bridge(string, Func{ModelRequest, object})"/>.</summary>
    public Func<ModelRequest, object>? InputFrom { get; private init; }

    /// <summary>For a turn picked from the request; see <see cref="Choose"/>.</summary>
    public Func<ModelRequest, Turn>? ChooseFrom { get; private init; }

    /// <summary>This turn as the answer to <paramref name="request"/>: its input worked out where it depends on it.</summary>
    public Turn For(ModelRequest request) =>
        ChooseFrom is not null ? ChooseFrom(request).For(request)
        : InputFrom is null ? this : new Turn(null, Tool, JsonSerializer.SerializeToNode(InputFrom(request))?.AsObject() ?? []) { Hold = Hold, Lead = Lead };

    public override string ToString() =>
        ChooseFrom is not null ? "a turn chosen from the request"
        : Tool is null ? $"reply \"{Text}\"" : $"call {Tool} {Input?.ToJsonString() ?? "(input from the request)"}";
}
