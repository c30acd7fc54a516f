namespace SessionBridge.EndToEnd.Claude;

/// <summary>The SessionStart hook the tests wire into Claude Code: <c>session-bridge-hook</c>, built beside them.</summary>
public static class HookExecutable
{
    /// <summary>The hook's path (<c>SESSION_BRIDGE_HOOK</c> overrides); skips the test when it is not built.</summary>
    public static string Require()
    {
        var path = Environment.GetEnvironmentVariable("SESSION_BRIDGE_HOOK") is { Length: > 0 } given
            ? given
            : Path.Combine(AppContext.BaseDirectory, "session-bridge-hook");
        if (!File.Exists(path))
            Assert.Skip($"session-bridge-hook is not built beside the tests ({path}): this checkout has no hook yet.");
        return path;
    }
}
