namespace SessionBridge.Setup;

/// <summary>
/// The one list of Claude Code hook events <c>session-bridge-hook</c> runs on, read by install, uninstall,
/// doctor and the tests. Matchers as Claude Code's hooks reference defines them:
/// <list type="bullet">
/// <item>SessionStart matches its <c>source</c>; we take all four, since each loses or needs the briefing.</item>
/// <item>The tool events (PreToolUse, PermissionRequest, PostToolUse, PostToolUseFailure) match the tool
/// name: <c>*</c> is every tool.</item>
/// <item>Notification (notification type), StopFailure (error type), SessionEnd (reason) and PreCompact
/// (trigger) take a matcher too: none means every one.</item>
/// <item>UserPromptSubmit and Stop take no matcher.</item>
/// </list>
/// The hook answers in about 3 ms and bounds itself at 2 s, so the timeouts only stop a hung process from
/// holding a session up; SessionStart keeps the longer timeout it has always had, since it reads the prompts.
/// </summary>
internal static class HookEvents
{
    public const int TimeoutSeconds = 5;
    public const string AllTools = "*";

    public static HookEvent SessionStart { get; } = new("SessionStart", "startup|resume|clear|compact", 15);

    public static IReadOnlyList<HookEvent> All { get; } =
    [
        SessionStart,
        new("UserPromptSubmit", null, TimeoutSeconds),
        new("PreToolUse", AllTools, TimeoutSeconds),
        new("PermissionRequest", AllTools, TimeoutSeconds),
        new("PostToolUse", AllTools, TimeoutSeconds),
        new("PostToolUseFailure", AllTools, TimeoutSeconds),
        new("Notification", null, TimeoutSeconds),
        new("Stop", null, TimeoutSeconds),
        new("StopFailure", null, TimeoutSeconds),
        new("SessionEnd", null, TimeoutSeconds),
        new("PreCompact", null, TimeoutSeconds),
    ];

    public static HookEvent? Find(string name) => All.FirstOrDefault(e => e.Name == name);
}
