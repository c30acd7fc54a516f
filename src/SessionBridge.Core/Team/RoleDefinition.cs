namespace SessionBridge.Team;

/// <summary>
/// One role of a team, as the team file (or the default team) defines it. Paths are absolute: the loader resolves
/// them against the team file's folder.
/// </summary>
/// <param name="Role">The role the pane is registered as.</param>
/// <param name="Briefing">The briefing text (an <c>@path</c> already read), saved as the role's prompt; null: none.</param>
/// <param name="Agent">A Claude Code agent definition (<c>--agent</c>).</param>
/// <param name="Worktree">Start in a git worktree of its own (Claude Code's <c>--worktree &lt;role&gt;</c>).</param>
/// <param name="Cwd">The folder the session starts in (absolute).</param>
/// <param name="PermissionMode"><c>--permission-mode</c>, as Claude Code spells it.</param>
/// <param name="Model"><c>--model</c>.</param>
/// <param name="Args">Extra arguments for Claude Code, after ours.</param>
/// <param name="Env">Environment for this role's session, on top of the team's.</param>
/// <param name="Command">How to start Claude Code for this role; null: the team's command.</param>
/// <param name="Supervises">Roles this one supervises.</param>
/// <param name="SupervisedByPerson">The team file's <c>"supervisor": "person"</c>: the person answers this role's requests.</param>
internal sealed record RoleDefinition(
    RoleName Role,
    string? Briefing,
    string? Agent,
    bool Worktree,
    string Cwd,
    string? PermissionMode,
    string? Model,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Env,
    string? Command,
    IReadOnlyList<RoleName> Supervises,
    bool SupervisedByPerson = false
);
