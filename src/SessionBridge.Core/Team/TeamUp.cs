using SessionBridge.Bridge;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Team;

/// <summary>
/// <c>session-bridge up</c>: a team's tmux session with one pane per role, each role registered to its pane, its
/// briefing saved as its prompt, and Claude Code started (or resumed, or kept) in it, until every role is ready:
/// its hooks reported the session's start and its screen shows the empty prompt. Safe to run again: live roles
/// are kept, missing ones started, dead ones resumed; a lock per team keeps two runs from making two panes a role.
/// </summary>
internal sealed class TeamUp(BridgeOptions options, StateStore state, TimeProvider clock)
{
    private readonly LaunchPlanner _planner = new(options, state, clock);
    private readonly ReadinessWatch _watch = new(options, state, clock);

    public async Task<TeamUpResult> RunAsync(TeamDefinition team, TeamUpOptions run, CancellationToken cancellationToken)
    {
        var session = SessionName(team.Name);
        var tmux = options.Tmux(run.Socket ?? options.CallerSocket);
        // Checked before anything is made: tmux, then every role's program.
        try
        {
            await tmux.VersionAsync(cancellationToken);
        }
        catch (TmuxException e)
        {
            throw new TmuxException($"{e.Message} Nothing was started.", e, e.NotInstalled);
        }

        var path = Environment.GetEnvironmentVariable("PATH");
        var programs = team.Roles.ToDictionary(r => r.Role, r => ClaudeCommand.Resolve(r.Command ?? team.Command, path));

        options.State.EnsureCreated();
        using var held = await LockAsync(session, run, cancellationToken);
        var sessions = new TmuxSessions(tmux);
        var panes = (await sessions.PanesAsync(session, cancellationToken)).ToList();

        // Before any role starts: a supervised role's first question already goes to its supervisor.
        await SuperviseAsync(team, cancellationToken);

        var launches = new List<Launch>();
        var outcomes = new Dictionary<RoleName, RoleOutcome>();
        foreach (var role in team.Roles)
        {
            await SaveBriefingAsync(role, cancellationToken);
            var launch = await _planner.PrepareAsync(team, role, programs[role.Role], session, sessions, panes, run, cancellationToken);
            if (launch.Outcome is { } decided)
                outcomes[role.Role] = decided;
            else
                launches.Add(launch);
        }

        // Registered first, then let go: the SessionStart hook finds the role of its pane.
        foreach (var launch in launches.Where(l => l.Gate is not null))
            await sessions.OpenGateAsync(launch.Gate!, cancellationToken);

        var waited = await Task.WhenAll(launches.Select(l => _watch.WaitAsync(team, l, sessions, run, cancellationToken)));
        foreach (var outcome in waited)
            outcomes[RoleName.Trusted(outcome.Role)] = outcome;

        var after = await sessions.PanesAsync(session, cancellationToken);
        var socket = (after.Count > 0 ? after[0].Socket : null) ?? tmux.Socket ?? "";
        // Inside tmux, attaching would nest a client in a pane: switching this client is the way there.
        var attach = (run.Socket, options.CallerSocket) switch
        {
            (null, null) => $"tmux attach -t {session}",
            (null, _) => $"tmux switch-client -t {session}",
            _ => $"tmux -S {socket} attach -t {session}",
        };
        return new TeamUpResult(team.Name, session, socket, attach, [.. team.Roles.Select(r => outcomes[r.Role])], Warnings: SupervisedModes.Warnings(team));
    }

    /// <summary>tmux takes neither '.' nor ':' in a session name.</summary>
    public static string SessionName(string team) => team.Replace('.', '_').Replace(':', '_');

    private async Task<FileLock> LockAsync(string session, TeamUpOptions run, CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.State.LocksDirectory, $"team-{session}.lock");
        try
        {
            return await FileLock.AcquireAsync(path, TimeSpan.Zero, cancellationToken);
        }
        catch (StateException)
        {
            run.Progress?.Invoke("*", $"another session-bridge up is starting team {session}: waiting for it to finish");
        }

        // A whole run of the other up may take the whole timeout, plus the slack of its last look.
        return await FileLock.AcquireAsync(path, run.Timeout + TimeSpan.FromSeconds(30), cancellationToken);
    }

    private async Task SaveBriefingAsync(RoleDefinition role, CancellationToken cancellationToken)
    {
        if (role.Briefing is { Length: > 0 } briefing)
            await state.Prompts.SaveAsync(new SavedPrompt(role.Role.Value, briefing, clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// The team file's <c>supervises</c> (and <c>"supervisor": "person"</c>): each role becomes the supervisor of the roles it names, replacing their
    /// earlier supervisors (one each); what a kept supervisor asked to be told stays. Supervision the file does not
    /// name (set by hand) is left as it is.
    /// </summary>
    private async Task SuperviseAsync(TeamDefinition team, CancellationToken cancellationToken)
    {
        var supervising = new Supervising(options, state, clock);
        foreach (var role in team.Roles.Where(r => r.Supervises.Count > 0))
            await supervising.SetAsync(role.Role.Value, [.. role.Supervises.Select(r => r.Value)], null, cancellationToken);
        if (team.Roles.Where(r => r.SupervisedByPerson).Select(r => r.Role.Value).ToList() is { Count: > 0 } byPerson)
            await supervising.SetAsync(RoleName.Person, byPerson, null, cancellationToken);
    }
}
