namespace SessionBridge.Team;

/// <summary>What <c>session-bridge up</c> made: the tmux session, how to attach to it, and every role.</summary>
/// <param name="Session">The tmux session's name.</param>
/// <param name="Socket">The tmux server's socket.</param>
/// <param name="Attach">The exact command that attaches a terminal to the session.</param>
/// <param name="Warnings">What makes the team file work otherwise than it seems (a supervised role that is never asked), each with its fix.</param>
/// <param name="Notes">What is missing from the user's Claude Code setup (the server, the hook, the tool permission), each with its fix.</param>
internal sealed record TeamUpResult(
    string Team,
    string Session,
    string Socket,
    string Attach,
    IReadOnlyList<RoleOutcome> Roles,
    IReadOnlyList<string>? Notes = null,
    IReadOnlyList<string>? Warnings = null
)
{
    public bool AllReady => Roles.All(r => r.Ready);
}
