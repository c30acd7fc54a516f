using System.Text.Json;

namespace SessionBridge.Tests.Hook;

/// <summary>Hook stdin as Claude Code 2.1.328 writes it (SPEC §6): the common fields and the event's own.</summary>
public static class HookEvents
{
    public static string Json(string name, string session = "session-1", params (string Key, object? Value)[] fields)
    {
        var json = new Dictionary<string, object?>
        {
            ["session_id"] = session,
            ["transcript_path"] = $"/home/dev/.claude/projects/shop/{session}.jsonl",
            ["cwd"] = "/home/dev/shop",
            ["permission_mode"] = "default",
            ["hook_event_name"] = name,
        };
        foreach (var (key, value) in fields)
            json[key] = value;
        return JsonSerializer.Serialize(json);
    }

    public static string Tool(string name, string tool) =>
        Json(name, fields: [("tool_name", tool), ("tool_input", new { command = "ls -la" }), ("tool_use_id", "toolu_01")]);

    public static string Stop(string answer, string session = "session-1") =>
        Json("Stop", session, ("stop_hook_active", false), ("last_assistant_message", answer));

    public static string Notification(string type) =>
        Json("Notification", fields: [("message", "Claude needs your permission to use Bash"), ("notification_type", type)]);
}
