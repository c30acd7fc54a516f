namespace SessionBridge.Testing;

/// <summary>
/// The programs the tests run, as the build puts them beside the tests (each test project references the
/// server's and the hook's projects). One place, so every helper runs the same build.
/// </summary>
public static class BuiltExecutables
{
    /// <summary><c>session-bridge</c>: the MCP server and the command line.</summary>
    public static string Server => Beside("session-bridge");

    /// <summary><c>session-bridge-hook</c>: the hook Claude Code runs on its events.</summary>
    public static string Hook => Beside("session-bridge-hook");

    /// <summary><c>session-bridge-load</c>: the load worker (tests/SessionBridge.LoadWorker).</summary>
    public static string LoadWorker => Beside("session-bridge-load");

    /// <summary>A scripted stand-in for a program (Fakes/, copied beside the tests).</summary>
    public static string Fake(string script) => Beside("Fakes", script);

    private static string Beside(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);
}
