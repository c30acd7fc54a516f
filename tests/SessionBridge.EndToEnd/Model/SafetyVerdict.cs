using System.Text.Json.Nodes;

namespace SessionBridge.EndToEnd.Model;

/// <summary>Auto mode's server-side safety check, as the scripted model plays it.</summary>
internal static class SafetyVerdict
{
    /// <summary>The <c>safeguard_results</c> the API sends back when the request asked for the dangerous-tool-use check and <paramref name="flag"/> is set (<see cref="ScriptedModel.Flag"/>).</summary>
    public static JsonArray? For(Func<Turn, string?>? flag, JsonObject body, Turn turn, JsonObject message)
    {
        if (flag is null || body["safeguards"] is not JsonArray asked || !asked.Any(s => (string?)s?["type"] == "dangerous_tool_use"))
            return null;
        var toolUses = new JsonObject();
        if (turn.Tool is not null && (string?)message["content"]![0]!["id"] is { } id)
        {
            toolUses[id] = flag(turn) is { } reason
                ? new JsonObject { ["type"] = "evaluated", ["outcome"] = "flagged", ["explanation"] = reason }
                : new JsonObject { ["type"] = "evaluated", ["outcome"] = "not_flagged" };
        }

        return
        [
            new JsonObject
            {
                ["type"] = "dangerous_tool_use",
                ["status"] = new JsonObject { ["type"] = "available", ["tool_uses"] = toolUses },
            },
        ];
    }
}
