namespace SessionBridge.Domain;

/// <summary>
/// The Claude Code hook events session-bridge knows. Each member is named exactly as Claude Code spells the event
/// (in a hook's <c>hook_event_name</c>, as a key of settings.json's <c>hooks</c>, in a hook's <c>hookEventName</c>
/// output): the one place those names are written. Read and write them through <see cref="WireNames"/>.
/// </summary>
internal enum HookEventName
{
    /// <summary>A session starts, resumes, is cleared or compacted (its <c>source</c> says which).</summary>
    SessionStart,

    /// <summary>Claude Code took a prompt (submitted, or queued behind a running turn).</summary>
    UserPromptSubmit,

    PreToolUse,

    /// <summary>A permission dialog (or AskUserQuestion's menu) is on screen.</summary>
    PermissionRequest,

    PostToolUse,

    PostToolUseFailure,

    /// <summary>Comes seconds after what it reports (its <c>notification_type</c> says what).</summary>
    Notification,

    /// <summary>The turn ended.</summary>
    Stop,

    /// <summary>The turn ended on an error (an API failure, say).</summary>
    StopFailure,

    SessionEnd,

    /// <summary>A compaction starts (its <c>trigger</c>: manual or auto).</summary>
    PreCompact,

    /// <summary>A compaction ended (its <c>trigger</c>: manual or auto).</summary>
    PostCompact,
}
