namespace SessionBridge.Setup;

/// <summary>
/// The one list of Claude Code hook events <c>session-bridge-hook</c> runs on, read by install, uninstall,
/// doctor and the tests. Matchers as Claude Code's hooks reference defines them:
/// <list type="bullet">
/// <item>SessionStart matches its <c>source</c>; we take all four, since each loses or needs the briefing.</item>
/// <item>The tool events (PreToolUse, PermissionRequest, PostToolUse, PostToolUseFailure) match the tool
/// name: <c>*</c> is every tool.</item>
/// <item>Notification (notification type), StopFailure (error type), SessionEnd (reason), PreCompact and
/// PostCompact (trigger) take a matcher too: none means every one. PostCompact is wired because it is what ends
/// a manual /compact's busy state (see PresenceTransitions).</item>
/// <item>UserPromptSubmit and Stop take no matcher.</item>
/// </list>
/// The hook answers in about 3 ms and bounds itself at 2 s, so the timeouts only stop a hung process from
/// holding a session up; SessionStart keeps the longer timeout it has always had, since it reads the prompts.
/// </summary>
internal static class HookEvents
{
    public const int TimeoutSeconds = 5;
    public const string AllTools = "*";

    /// <summary>
    /// A supervised peer's PermissionRequest hook waits for its supervisor's decision, up to 1800 s (its longest
    /// allowed SESSION_BRIDGE_DECISION_WAIT): the timeout leaves it room to end the request itself. An unsupervised
    /// peer's returns at once, as every other event's.
    /// </summary>
    public const int PermissionRequestTimeoutSeconds = 1815;

    public static HookSettingsEntry SessionStart { get; } = new(HookEventName.SessionStart, "startup|resume|clear|compact", 15);

    public static IReadOnlyList<HookSettingsEntry> All { get; } =
    [
        SessionStart,
        new(HookEventName.UserPromptSubmit, null, TimeoutSeconds),
        new(HookEventName.PreToolUse, AllTools, TimeoutSeconds),
        new(HookEventName.PermissionRequest, AllTools, PermissionRequestTimeoutSeconds),
        new(HookEventName.PostToolUse, AllTools, TimeoutSeconds),
        new(HookEventName.PostToolUseFailure, AllTools, TimeoutSeconds),
        new(HookEventName.Notification, null, TimeoutSeconds),
        new(HookEventName.Stop, null, TimeoutSeconds),
        new(HookEventName.StopFailure, null, TimeoutSeconds),
        new(HookEventName.SessionEnd, null, TimeoutSeconds),
        new(HookEventName.PreCompact, null, TimeoutSeconds),
        new(HookEventName.PostCompact, null, TimeoutSeconds),
    ];

    public static HookSettingsEntry? Find(string name) => All.FirstOrDefault(e => e.Name == name);
}
