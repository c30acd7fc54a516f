namespace SessionBridge.State;

/// <summary>
/// The Claude Code session a role of a team runs, as <c>session-bridge up</c> started it: the next <c>up</c>
/// resumes it (<c>claude --resume</c>) when the role's pane is gone, and <c>session-bridge down</c> keeps it.
/// </summary>
/// <param name="Team">The team (its tmux session) the role was started in.</param>
/// <param name="SessionId">Claude Code's session id (<c>--session-id</c>).</param>
internal sealed record RoleSession(
    string Role,
    string Team,
    string SessionId,
    DateTimeOffset StartedAt
);
