namespace SessionBridge.Setup;

/// <summary>
/// One Claude Code hook event we wire <c>session-bridge-hook</c> to: its name in settings.json, the matcher our
/// entry carries (null: the entry has no matcher, which matches every occurrence), and the timeout in seconds.
/// </summary>
internal sealed record HookEvent(string Name, string? Matcher, int TimeoutSeconds);
