namespace SessionBridge.State;

/// <summary>
/// A team's name: the namespace its roles, mailboxes and briefings live in (<c>&lt;state dir&gt;/teams/&lt;name&gt;/</c>),
/// its NATS buckets' and subjects' (where at most 32 characters are allowed), and its tmux session's name.
/// Letters, digits, '-' and '_', as a folder's name is cleaned for tmux.
/// </summary>
internal static class TeamName
{
    /// <summary>The team of whatever belongs to no folder that names one.</summary>
    public const string Default = "default";

    /// <summary>The variable that names the team: set by hand, or by <c>up</c> in each role's environment.</summary>
    public const string Variable = "SESSION_BRIDGE_TEAM";

    public const int MaxLength = 64;

    // ^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$ as a loop: the hook and the server check a team on start, and the first regex a
    // process uses costs it more than the rest of the check.
    public static bool IsValid(string name) =>
        name is { Length: >= 1 and <= MaxLength } && name[0] != '-' && name.AsSpan().IndexOfAnyExcept(Allowed) < 0;

    private static ReadOnlySpan<char> Allowed => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    /// <summary>What a valid name looks like, for a refusal.</summary>
    public const string Rule = "1 to 64 letters, digits, '-' and '_', not starting with '-'";
}
