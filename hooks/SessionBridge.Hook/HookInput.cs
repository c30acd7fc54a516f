namespace SessionBridge.Hook;

/// <summary>What Claude Code writes to a hook's stdin (the fields we use).</summary>
/// <param name="Cut">The input was longer than the hook reads: fields after the cut are missing.</param>
internal sealed record HookInput(
    string? HookEventName,
    string? Source,
    string? SessionId,
    string? Cwd,
    string? ToolName,
    string? NotificationType,
    string? Trigger,
    string? LastAssistantMessage,
    bool Cut
);
