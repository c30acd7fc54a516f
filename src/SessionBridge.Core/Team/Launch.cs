using SessionBridge.Tmux;

namespace SessionBridge.Team;

/// <summary>
/// One role's start under way in <see cref="TeamUp"/>: its pane, its session, and the tmux channel its pane waits on
/// (null: already running). A role decided before any start (a conflict) carries its <paramref name="Outcome"/>.
/// </summary>
/// <param name="Program">The resolved Claude Code command, to start afresh where resuming fails.</param>
/// <param name="Note">Said of the role however the watch ends (a kept role's settings that were not applied).</param>
internal sealed record Launch(
    RoleDefinition Role,
    TeamPane? Pane,
    string SessionId,
    LaunchAction Action,
    string? Gate,
    bool Resuming,
    IReadOnlyList<string>? Program,
    RoleOutcome? Outcome = null,
    string? Note = null
)
{
    public static Launch Decided(RoleDefinition role, RoleOutcome outcome) =>
        new(role, null, outcome.SessionId ?? "", outcome.Action, null, false, null, outcome);
}
