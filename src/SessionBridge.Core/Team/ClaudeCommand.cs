using SessionBridge.State;

namespace SessionBridge.Team;

/// <summary>
/// How a role's Claude Code is started: Claude Code's own flags (<c>--session-id</c> or <c>--resume</c>,
/// <c>--name</c>, <c>--agent</c>, <c>--worktree</c>, <c>--permission-mode</c>, <c>--model</c>), the role's extra
/// arguments, and the team's and the role's environment through <c>env</c>. The briefing is not here: it is in the
/// state, and the SessionStart hook gives it to the model, so a long one never meets a command-line limit.
/// </summary>
internal static class ClaudeCommand
{
    /// <summary>The program (a path, or a name on PATH), found; a clear error when it is not there.</summary>
    public static IReadOnlyList<string> Resolve(string command, string? path)
    {
        var program = command.Trim();
        if (program.Length == 0)
            throw new BridgeException("The team's \"command\" is empty: leave it out to start claude from PATH.");
        string? found = null;
        if (program.Contains('/'))
        {
            found = File.Exists(program) ? Path.GetFullPath(program) : null;
        }
        else
        {
            foreach (var folder in (path ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, program);
                if (File.Exists(candidate))
                {
                    found = candidate;
                    break;
                }
            }
        }

        if (found is null)
        {
            throw new BridgeException(
                $"Cannot start the team: {program} is not "
                    + (program.Contains('/') ? "there" : "on PATH")
                    + ". Install Claude Code (npm install -g @anthropic-ai/claude-code), or set \"command\" in the "
                    + "team file to where it is. Nothing was started."
            );
        }

        return [found];
    }

    /// <summary>The whole argv of a role's pane (before the gate): <c>env</c>, the variables, Claude Code and its flags.</summary>
    public static IReadOnlyList<string> For(
        TeamDefinition team,
        RoleDefinition role,
        IReadOnlyList<string> program,
        StateDirectory state,
        string sessionId,
        bool resume
    )
    {
        // The team goes with the role: its server and hook act for it wherever the session's folder is.
        var argv = new List<string> { "env", $"{StateDirectory.EnvironmentVariable}={state.Root}", $"{TeamName.Variable}={state.Team}" };
        foreach (var (key, value) in team.Env)
            argv.Add($"{key}={value}");
        foreach (var (key, value) in role.Env)
            argv.Add($"{key}={value}");
        argv.AddRange(program);
        argv.AddRange(resume ? ["--resume", sessionId] : ["--session-id", sessionId]);
        argv.AddRange(["--name", role.Role.Value]);
        if (role.Agent is { Length: > 0 } agent)
            argv.AddRange(["--agent", agent]);
        if (role.Worktree)
            argv.AddRange(["--worktree", role.Role.Value]);
        if (role.PermissionMode is { Length: > 0 } mode)
            argv.AddRange(["--permission-mode", mode]);
        if (role.Model is { Length: > 0 } model)
            argv.AddRange(["--model", model]);
        argv.AddRange(role.Args);
        return argv;
    }
}
