namespace SessionBridge;

/// <summary>
/// The user's home directory, worked out in one place: <c>$HOME</c> first (what Claude Code, the shell and the
/// tests set), then the account's profile directory.
/// </summary>
internal static class UserHome
{
    public static string Find(Func<string, string?>? getVariable = null)
    {
        var home = (getVariable ?? Environment.GetEnvironmentVariable)("HOME");
        return string.IsNullOrWhiteSpace(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home;
    }

    /// <summary>Claude Code's user directory, <c>~/.claude</c>.</summary>
    public static string ClaudeDirectory(Func<string, string?>? getVariable = null) => Path.Combine(Find(getVariable), ".claude");
}
