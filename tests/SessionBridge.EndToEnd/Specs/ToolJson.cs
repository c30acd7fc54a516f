using System.Text.Json;
using SessionBridge.EndToEnd.Model;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>Reading session-bridge's results as a model reads them: JSON in a tool result.</summary>
internal static class ToolJson
{
    public static JsonElement Parse(string text) => JsonDocument.Parse(text).RootElement.Clone();

    /// <summary>The id send returned in this conversation: what a model would read off the tool result.</summary>
    public static string SentId(ModelRequest request) =>
        Parse(request.ToolResult(Turn.BridgeTool("send")) ?? throw new InvalidOperationException("send has no result yet"))
            .GetProperty("id").GetString()!;

    /// <summary>The id of the newest message inbox returned in this conversation.</summary>
    public static string NewestInboxId(ModelRequest request) =>
        Parse(request.ToolResult(Turn.BridgeTool("inbox")) ?? throw new InvalidOperationException("inbox has no result yet"))
            .GetProperty("messages").EnumerateArray().Last().GetProperty("id").GetString()!;

    /// <summary><paramref name="role"/>'s row in a list of peers (list_peers, <c>peers --json</c>, <c>watch --once --json</c>).</summary>
    public static JsonElement Peer(JsonElement peers, string role) =>
        peers.GetProperty("peers").EnumerateArray().Single(p => p.GetProperty("role").GetString() == role);

    /// <summary>Every result Claude Code sent back for <paramref name="tool"/> in this session's conversation, in order.</summary>
    public static IReadOnlyList<string> Results(IEnumerable<ModelRequest> requests, string tool) =>
        [.. requests.Where(r => r.IsMain).Select(r => r.ToolResult(tool)).OfType<string>().Distinct()];
}
