namespace SessionBridge.Setup;

/// <summary>
/// The command string settings.json runs for our hook, written and read in one place. Claude Code runs it
/// through a shell, so a path with spaces or quotes is single-quoted; ours is any command whose program
/// ends in <c>session-bridge-hook</c>, so installing from a new place replaces the old entry.
/// </summary>
internal static class HookCommand
{
    public const string ExecutableName = "session-bridge-hook";

    public static string For(string executablePath) => Shell.Quote(executablePath);

    public static bool IsOurs(string? command) =>
        ExecutableOf(command) is { } program && program.EndsWith(ExecutableName, StringComparison.Ordinal);

    /// <summary>The program a command runs: its first shell word, unquoted; null for a blank command.</summary>
    public static string? ExecutableOf(string? command) => command is null ? null : Shell.FirstWord(command);
}
