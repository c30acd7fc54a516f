using System.Text.RegularExpressions;

namespace SessionBridge.State;

/// <summary>
/// A team's name: the namespace its roles, mailboxes and briefings live in (<c>&lt;state dir&gt;/teams/&lt;name&gt;/</c>),
/// its NATS buckets' and subjects' (where at most 32 characters are allowed), and its tmux session's name.
/// Letters, digits, '-' and '_', as a folder's name is cleaned for tmux.
/// </summary>
internal static partial class TeamName
{
    /// <summary>The team of whatever belongs to no folder that names one.</summary>
    public const string Default = "default";

    /// <summary>The variable that names the team: set by hand, or by <c>up</c> in each role's environment.</summary>
    public const string Variable = "SESSION_BRIDGE_TEAM";

    public const int MaxLength = 64;

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <summary>What a valid name looks like, for a refusal.</summary>
    public const string Rule = "1 to 64 letters, digits, '-' and '_', not starting with '-'";

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
