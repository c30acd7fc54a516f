namespace SessionBridge.Team;

/// <summary>
/// Where Claude Code keeps a session's transcript: <c>$CLAUDE_CONFIG_DIR</c> (default <c>~/.claude</c>)
/// <c>/projects/&lt;folder&gt;/&lt;session id&gt;.jsonl</c>. Measured on 2.1.331: it is written at the session's first
/// turn and not before, and <c>--resume</c> of a session without one fails with "No conversation found with session
/// ID". So a recorded session is resumed only when its transcript is there; the folder part is not worked out (a
/// worktree role's differs), any project folder holding the file counts.
/// </summary>
internal static class ClaudeTranscripts
{
    public static bool Exists(TeamDefinition team, RoleDefinition role, string sessionId)
    {
        if (sessionId.Length == 0 || sessionId.IndexOfAny(['/', '\\']) >= 0 || sessionId.Contains("..", StringComparison.Ordinal))
            return false;
        var home = Setting(team, role, "HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var projects = Path.Combine(Setting(team, role, "CLAUDE_CONFIG_DIR") ?? Path.Combine(home, ".claude"), "projects");
        try
        {
            return Directory.Exists(projects)
                && Directory.EnumerateDirectories(projects).Any(d => File.Exists(Path.Combine(d, sessionId + ".jsonl")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: resume, as before; a failed resume still starts fresh and says so.
            return true;
        }
    }

    // The role's session sees the role's env over the team's over up's own.
    private static string? Setting(TeamDefinition team, RoleDefinition role, string name) =>
        new[] { role.Env.GetValueOrDefault(name), team.Env.GetValueOrDefault(name), Environment.GetEnvironmentVariable(name) }
            .FirstOrDefault(v => !string.IsNullOrEmpty(v));
}
