namespace SessionBridge.State;

/// <summary>
/// The parts of a Claude Code hook event's stdin that decide a pane's presence.
/// </summary>
/// <param name="Name">hook_event_name, e.g. "PreToolUse".</param>
/// <param name="Source">SessionStart's source: startup, resume, clear or compact.</param>
/// <param name="Trigger">PreCompact/PostCompact's trigger: manual or auto.</param>
/// <param name="LastAssistantMessage">Stop's last_assistant_message, as the model wrote it.</param>
internal sealed record HookEvent(
    string Name,
    string? SessionId,
    string? ToolName = null,
    string? NotificationType = null,
    string? Source = null,
    string? Trigger = null,
    string? LastAssistantMessage = null
);
