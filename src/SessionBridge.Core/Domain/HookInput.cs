namespace SessionBridge.Domain;

/// <summary>What Claude Code writes to a hook's stdin: the fields session-bridge uses.</summary>
/// <param name="Event">hook_event_name; null when the input names none.</param>
/// <param name="Source">SessionStart's source: startup, resume, clear or compact.</param>
/// <param name="Trigger">PreCompact/PostCompact's trigger: manual or auto.</param>
/// <param name="LastAssistantMessage">Stop's last_assistant_message, as the model wrote it.</param>
/// <param name="ToolInputJson">tool_input's raw JSON, exactly as Claude Code wrote it.</param>
/// <param name="PermissionSuggestionsJson">PermissionRequest's permission_suggestions, raw JSON.</param>
/// <param name="TranscriptPath">transcript_path: the session's conversation file (JSON lines).</param>
/// <param name="Cut">The input was longer than the hook reads: fields after the cut are missing.</param>
internal sealed record HookInput(
    HookEventName? Event,
    string? SessionId,
    string? ToolName = null,
    string? NotificationType = null,
    string? Source = null,
    string? Trigger = null,
    string? LastAssistantMessage = null,
    string? Cwd = null,
    bool Cut = false,
    string? ToolInputJson = null,
    string? PermissionSuggestionsJson = null,
    string? TranscriptPath = null
);
