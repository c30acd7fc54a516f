using SessionBridge.Bridge;
using SessionBridge.Processes;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Team;

/// <summary>
/// A role's pane that waits behind a gate (a tmux channel) before it runs Claude Code: made, marked with its role,
/// registered and recorded first, so the SessionStart hook finds the role of its pane once the gate opens.
/// </summary>
internal sealed class GatedPane(BridgeOptions options, StateStore state, TimeProvider clock)
{
    /// <summary>The pane option that names the tmux channel a pane's gate waits on, so a re-run can open it.</summary>
    private const string GateOption = "@session-bridge-gate";

    /// <summary>Makes the role's pane (respawned, a new session, split or window), gated, marked and registered.</summary>
    public async Task<GatedTeamPane> CreateAsync(
        TeamDefinition team,
        RoleDefinition role,
        IReadOnlyList<string> program,
        string session,
        string sessionId,
        bool resume,
        TeamPane? ours,
        TmuxSessions sessions,
        TeamUpOptions run,
        CancellationToken cancellationToken
    )
    {
        var name = role.Role.Value;
        var channel = $"session-bridge-{Guid.NewGuid():N}";
        var argv = TmuxSessions.Gate(channel, ClaudeCommand.For(team, role, program, options.State, sessionId, resume));
        var exists = ours is not null || await sessions.HasSessionAsync(session, cancellationToken);
        // From here until the pane is marked, registered and recorded, Ctrl-C waits: a pane made but not marked
        // would be a stranger to the next up, which would make the role a second one.
        var uninterrupted = CancellationToken.None;
        TeamPane pane;
        if (ours is { Dead: true })
        {
            pane = await sessions.RespawnAsync(ours.Pane, role.Cwd, argv, uninterrupted);
        }
        else if (!exists)
        {
            var window = team.Layout == TeamLayout.Tiled ? session : name;
            pane = await sessions.NewSessionAsync(session, window, run.Size, role.Cwd, argv, uninterrupted);
        }
        else if (team.Layout == TeamLayout.Tiled)
        {
            pane = await sessions.SplitAsync(session, role.Cwd, argv, uninterrupted);
        }
        else
        {
            pane = await sessions.NewWindowAsync(session, name, role.Cwd, argv, uninterrupted);
        }

        await sessions.MarkAsync(pane.Pane, role.Role, uninterrupted);
        await sessions.Client.CommandAsync(["set-option", "-p", "-t", pane.Pane, GateOption, channel], uninterrupted);
        await sessions.Client.CommandAsync(["set-option", "-p", "-t", pane.Pane, LaunchSettings.Option, LaunchSettings.Of(team, role, program)], uninterrupted);
        pane = pane with { Role = name };
        await RegisterAsync(role, pane, cancellationToken);
        await state.Sessions.SaveAsync(new RoleSession(name, session, sessionId, clock.GetUtcNow()), cancellationToken);
        return new GatedTeamPane(pane, channel);
    }

    /// <summary>Starts a fresh session in a role's dead pane, behind a new gate, and opens it.</summary>
    public async Task<TeamPane> RestartFreshAsync(TeamDefinition team, Launch launch, TeamPane dead, string sessionId, TmuxSessions sessions, CancellationToken cancellationToken)
    {
        var name = launch.Role.Role.Value;
        var channel = $"session-bridge-{Guid.NewGuid():N}";
        var argv = TmuxSessions.Gate(channel, ClaudeCommand.For(team, launch.Role, launch.Program!, options.State, sessionId, resume: false));
        var pane = (await sessions.RespawnAsync(dead.Pane, launch.Role.Cwd, argv, cancellationToken)) with { Role = name };
        await sessions.Client.CommandAsync(["set-option", "-p", "-t", pane.Pane, GateOption, channel], cancellationToken);
        await sessions.Client.CommandAsync(["set-option", "-p", "-t", pane.Pane, LaunchSettings.Option, LaunchSettings.Of(team, launch.Role, launch.Program!)], cancellationToken);
        await RegisterAsync(launch.Role, pane, cancellationToken);
        await state.Sessions.SaveAsync(new RoleSession(name, TeamUp.SessionName(team.Name), sessionId, clock.GetUtcNow()), cancellationToken);
        await sessions.OpenGateAsync(channel, cancellationToken);
        return pane;
    }

    /// <summary>The session a gated pane will start (its <c>--session-id</c> or <c>--resume</c>), read from its command line.</summary>
    public static async Task<(string? SessionId, bool Resume)> GatedSessionAsync(int panePid, CancellationToken cancellationToken)
    {
        var argv = await PaneProcesses.CommandLineAsync(panePid, cancellationToken);
        for (var i = argv.Count - 2; i >= 0; i--)
        {
            if (argv[i] is "--resume" or "--session-id")
                return (argv[i + 1], argv[i] == "--resume");
        }

        return (null, false);
    }

    public static async Task<string?> GateOfAsync(TmuxSessions sessions, string pane, CancellationToken cancellationToken)
    {
        var value = await sessions.Client.TryCommandAsync(["show-options", "-p", "-v", "-t", pane, GateOption], cancellationToken);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The same registration the register tool writes: pane, socket, server pid and pane pid.</summary>
    public async Task RegisterAsync(RoleDefinition role, TeamPane pane, CancellationToken cancellationToken)
    {
        var existing = await state.Registry.FindAsync(role.Role, cancellationToken);
        if (existing is not null && existing.Pane == pane.Pane && existing.Socket == pane.Socket
            && existing.ServerPid == pane.ServerPid && existing.PanePid == pane.PanePid && existing.StoppedAt is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await state.Registry.SaveAsync(new PeerRegistration(role.Role.Value, pane.Pane, pane.Socket, pane.ServerPid, pane.PanePid, role.Cwd, now, now, Host: state.Host), cancellationToken);
    }
}
