using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace SessionBridge.Testing;

public static class ToolResults
{
    public static string Text(this CallToolResult result) =>
        string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    /// <summary>The JSON a successful tool call returned.</summary>
    public static JsonElement Json(this CallToolResult result)
    {
        if (result.IsError == true)
            throw new InvalidOperationException("The tool call failed: " + result.Text());
        return JsonDocument.Parse(result.Text()).RootElement.Clone();
    }
}
