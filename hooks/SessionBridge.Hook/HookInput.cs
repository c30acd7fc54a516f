using System.Text.Json.Serialization;

namespace SessionBridge.Hook;

/// <summary>What Claude Code writes to a SessionStart hook's stdin (the fields we use).</summary>
internal sealed record HookInput(
    [property: JsonPropertyName("hook_event_name")] string? HookEventName,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("session_id")] string? SessionId,
    [property: JsonPropertyName("cwd")] string? Cwd
);
