namespace SessionBridge.EndToEnd.Claude;

/// <summary>The hook the tests wire into Claude Code on every event: <c>session-bridge-hook</c>, built beside them.</summary>
public static class HookExecutable
{
    /// <summary>The hook's path; <c>SESSION_BRIDGE_HOOK</c> names another (e.g. a published NativeAOT build).</summary>
    public static string Path =>
        Environment.GetEnvironmentVariable("SESSION_BRIDGE_HOOK") is { Length: > 0 } given
            ? given
            : BuiltExecutables.Hook;
}
