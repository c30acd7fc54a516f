using SessionBridge.Bridge;
using SessionBridge.Processes;
using SessionBridge.Screens;
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
    // How often a starting role is looked at: soon at first (a fast start is seen at once), then every 200 ms
    // (two tmux calls a look, for as long as Claude Code takes to start).
    private static readonly TimeSpan FirstLook = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly PaneTargeting _targeting = new(options);

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
            throw new TmuxException($"{e.Message} Install it (apt-get install tmux, brew install tmux). Nothing was started.", e);
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
            var launch = await PrepareAsync(team, role, programs[role.Role], session, sessions, panes, run, cancellationToken);
            if (launch.Outcome is { } decided)
                outcomes[role.Role] = decided;
            else
                launches.Add(launch);
        }

        // Registered first, then let go: the SessionStart hook finds the role of its pane.
        foreach (var launch in launches.Where(l => l.Gate is not null))
            await sessions.OpenGateAsync(launch.Gate!, cancellationToken);

        var waited = await Task.WhenAll(launches.Select(l => WaitAsync(team, l, sessions, run, cancellationToken)));
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
        return new TeamUpResult(team.Name, session, socket, attach, [.. team.Roles.Select(r => outcomes[r.Role])]);
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
    /// The team file's <c>supervises</c>: each role becomes the supervisor of the roles it names, replacing their
    /// earlier supervisors (one each); what a kept supervisor asked to be told stays. Supervision the file does not
    /// name (set by hand) is left as it is.
    /// </summary>
    private async Task SuperviseAsync(TeamDefinition team, CancellationToken cancellationToken)
    {
        var supervising = new Supervising(options, state, clock);
        foreach (var role in team.Roles.Where(r => r.Supervises.Count > 0))
            await supervising.SetAsync(role.Role.Value, [.. role.Supervises.Select(r => r.Value)], null, cancellationToken);
    }

    /// <summary>Decides what a role needs (keep, start, resume, or nothing and why) and makes its pane, gated.</summary>
    private async Task<Launch> PrepareAsync(
        TeamDefinition team,
        RoleDefinition role,
        IReadOnlyList<string> program,
        string session,
        TmuxSessions sessions,
        List<TeamPane> panes,
        TeamUpOptions run,
        CancellationToken cancellationToken
    )
    {
        var name = role.Role.Value;
        var ours = panes.Where(p => p.Role == name).OrderBy(p => p.Dead).FirstOrDefault();
        var registered = await state.Registry.FindAsync(role.Role, cancellationToken);
        var recorded = await state.Sessions.FindAsync(role.Role, cancellationToken);

        // A role of another host (a team across machines) is that host's to start: its pane is not in this tmux, and
        // starting it here would take the role from a session that may well be running there.
        if (registered is not null && !state.IsLocal(registered) && registered.StoppedAt is null && !run.Force)
        {
            return Launch.Decided(role, new RoleOutcome(
                name,
                registered.Pane,
                ListedState.Unknown,
                recorded?.SessionId,
                LaunchAction.Failed,
                $"{name} is registered on host {registered.Host}: not taken. Run session-bridge up there, or session-bridge up "
                    + $"--force to start it on this host instead."
            ));
        }

        if (registered is not null && (ours is null || registered.Pane != ours.Pane || registered.ServerPid != ours.ServerPid))
        {
            var check = await _targeting.CheckAsync(registered, cancellationToken);
            if (!check.Status.IsLost() && !run.Force)
            {
                return Launch.Decided(role, new RoleOutcome(
                    name,
                    registered.Pane,
                    await ScreenStateAsync(registered, cancellationToken),
                    recorded?.SessionId,
                    LaunchAction.Failed,
                    $"{name} is registered to another live pane ({registered.Pane}): not taken. Run session-bridge "
                        + $"up --force to start it here instead, or register {name} elsewhere first."
                ));
            }
        }

        if (ours is { Dead: false } && await PaneProcesses.HasClaudeCodeAsync(ours.PanePid, cancellationToken))
        {
            await RegisterAsync(role, ours, cancellationToken);
            return new Launch(role, ours, recorded?.SessionId ?? "", LaunchAction.Kept, null, false, null);
        }

        if (ours is { Dead: false })
        {
            // Left behind its gate by an up that was interrupted: what it will run is in its command line.
            var (waitingId, waitingResume) = await GatedSessionAsync(ours.PanePid, cancellationToken);
            var id = waitingId ?? recorded?.SessionId ?? "";
            run.Progress?.Invoke(name, $"pane {ours.Pane} was waiting to start: starting it");
            await RegisterAsync(role, ours, cancellationToken);
            if (id.Length > 0)
                await state.Sessions.SaveAsync(new RoleSession(name, session, id, clock.GetUtcNow()), cancellationToken);
            var gate = await GateOfAsync(sessions, ours.Pane, cancellationToken);
            var waitingAction = waitingResume ? LaunchAction.Resumed : LaunchAction.Started;
            return new Launch(role, ours, id, waitingAction, gate, waitingResume, program);
        }

        var resume = recorded is not null && recorded.Team == session;
        var sessionId = resume ? recorded!.SessionId : Guid.NewGuid().ToString();
        var action = resume ? LaunchAction.Resumed : LaunchAction.Started;
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
        pane = pane with { Role = name };
        panes.Add(pane);
        await RegisterAsync(role, pane, uninterrupted);
        await state.Sessions.SaveAsync(new RoleSession(name, session, sessionId, clock.GetUtcNow()), uninterrupted);
        run.Progress?.Invoke(name, $"{(resume ? "resuming" : "starting")} in pane {pane.Pane} (session {sessionId})");
        return new Launch(role, pane, sessionId, action, channel, resume, program);
    }

    /// <summary>What another live pane's screen shows, as list_peers would name it; unknown when tmux cannot read it.</summary>
    private async Task<ListedState> ScreenStateAsync(PeerRegistration peer, CancellationToken cancellationToken)
    {
        try
        {
            var screen = await options.Tmux(peer.Socket).CaptureAsync(peer.Pane, 0, cancellationToken);
            return ScreenClassifier.Classify(screen).State.ToListedState();
        }
        catch (TmuxException)
        {
            return ListedState.Unknown;
        }
    }

    /// <summary>The session a gated pane will start (its <c>--session-id</c> or <c>--resume</c>), read from its command line.</summary>
    private static async Task<(string? SessionId, bool Resume)> GatedSessionAsync(int panePid, CancellationToken cancellationToken)
    {
        var argv = await PaneProcesses.CommandLineAsync(panePid, cancellationToken);
        for (var i = argv.Count - 2; i >= 0; i--)
        {
            if (argv[i] is "--resume" or "--session-id")
                return (argv[i + 1], argv[i] == "--resume");
        }

        return (null, false);
    }

    /// <summary>The pane option that names the tmux channel a pane's gate waits on, so a re-run can open it.</summary>
    private const string GateOption = "@session-bridge-gate";

    private static async Task<string?> GateOfAsync(TmuxSessions sessions, string pane, CancellationToken cancellationToken)
    {
        var value = await sessions.Client.TryCommandAsync(["show-options", "-p", "-v", "-t", pane, GateOption], cancellationToken);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The same registration the register tool writes: pane, socket, server pid and pane pid.</summary>
    private async Task RegisterAsync(RoleDefinition role, TeamPane pane, CancellationToken cancellationToken)
    {
        var existing = await state.Registry.FindAsync(role.Role, cancellationToken);
        if (existing is not null && existing.Pane == pane.Pane && existing.Socket == pane.Socket
            && existing.ServerPid == pane.ServerPid && existing.PanePid == pane.PanePid && existing.StoppedAt is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await state.Registry.SaveAsync(
            new PeerRegistration(role.Role.Value, pane.Pane, pane.Socket, pane.ServerPid, pane.PanePid, role.Cwd, now, now, Host: state.Host),
            cancellationToken
        );
    }

    /// <summary>Watches one role until it is ready, shows a dialog, fails, or the time is up.</summary>
    private async Task<RoleOutcome> WaitAsync(
        TeamDefinition team,
        Launch launch,
        TmuxSessions sessions,
        TeamUpOptions run,
        CancellationToken cancellationToken
    )
    {
        var name = launch.Role.Role.Value;
        var pane = launch.Pane ?? throw new InvalidOperationException("A launch without a pane is decided, not waited for.");
        var sessionId = launch.SessionId;
        var action = launch.Action;
        string? note = null;
        var trustAnswered = false;
        var fresh = !launch.Resuming;
        var presence = new PresenceStore(options.State);
        var deadline = clock.GetUtcNow() + run.Timeout;
        var lastSaid = "";
        var look = FirstLook;
        DateTimeOffset? idleWithoutHook = null;

        while (true)
        {
            var probe = await PaneTargeting.InspectAsync(sessions.Client, pane.Pane, cancellationToken);
            if (probe.Pane is not { } info)
                return new RoleOutcome(name, pane.Pane, ListedState.Gone, sessionId, LaunchAction.Failed, $"its pane closed: {probe.Problem}");

            string screen;
            try
            {
                screen = await sessions.Client.CaptureAsync(pane.Pane, 0, cancellationToken);
            }
            catch (TmuxException)
            {
                screen = "";
            }

            if (info.Dead)
            {
                var said = await LastWordsAsync(sessions.Client, pane.Pane, cancellationToken);
                if (fresh || launch.Program is null)
                    return new RoleOutcome(name, pane.Pane, ListedState.Dead, sessionId, LaunchAction.Failed, $"Claude Code exited: {said}");

                // The recorded session could not be resumed (its file is gone): a new one, and say so.
                var previous = sessionId;
                sessionId = Guid.NewGuid().ToString();
                var channel = $"session-bridge-{Guid.NewGuid():N}";
                var argv = TmuxSessions.Gate(channel, ClaudeCommand.For(team, launch.Role, launch.Program, options.State, sessionId, resume: false));
                pane = (await sessions.RespawnAsync(pane.Pane, launch.Role.Cwd, argv, cancellationToken)) with { Role = name };
                await sessions.Client.CommandAsync(["set-option", "-p", "-t", pane.Pane, GateOption, channel], cancellationToken);
                await RegisterAsync(launch.Role, pane, cancellationToken);
                await state.Sessions.SaveAsync(new RoleSession(name, SessionName(team.Name), sessionId, clock.GetUtcNow()), cancellationToken);
                await sessions.OpenGateAsync(channel, cancellationToken);
                note = $"could not resume session {previous} ({said}): started fresh";
                run.Progress?.Invoke(name, note);
                action = LaunchAction.Started;
                fresh = true;
                continue;
            }

            var reading = ScreenClassifier.Classify(screen);
            if (reading.State == ScreenState.WaitingSelect)
            {
                var trust = FolderTrust.Read(reading, screen);
                if (trust is not null && run.Trust && !trustAnswered && FolderTrust.IsTeamFolder(trust.Folder, team))
                {
                    await FolderTrust.AnswerYesAsync(sessions.Client, pane.Pane, reading, options.KeyInterval, cancellationToken);
                    trustAnswered = true;
                    run.Progress?.Invoke(name, $"answered the folder-trust dialog for {trust.Folder}: Yes");
                    continue;
                }

                if (!trustAnswered || trust is null)
                    return Waiting(team, name, pane.Pane, sessionId, reading, trust, run.Trust);
            }

            var started = launch.Action == LaunchAction.Kept
                || presence.Read(pane.Socket, pane.ServerPid, pane.Pane, pane.PanePid) is not null;
            // The empty prompt: a resumed conversation that ended on a question reads as waiting_text, prompt empty.
            if (started && reading.State is ScreenState.Idle or ScreenState.WaitingText)
            {
                sessionId = await RecordSessionAsync(team, name, pane, presence, sessionId, cancellationToken);
                return new RoleOutcome(name, pane.Pane, reading.State.ToListedState(), sessionId, action, note);
            }

            // A live session is kept whatever it is doing; only a folder-trust dialog to answer keeps it watched.
            if (launch.Action == LaunchAction.Kept && !trustAnswered && reading.State != ScreenState.Idle)
                return new RoleOutcome(name, pane.Pane, reading.State.ToListedState(), sessionId, action, note);

            var now = clock.GetUtcNow();
            idleWithoutHook = !started && reading.State == ScreenState.Idle ? idleWithoutHook ?? now : null;
            if (now - idleWithoutHook >= run.HookGrace)
            {
                return new RoleOutcome(
                    name,
                    pane.Pane,
                    reading.State.ToListedState(),
                    sessionId,
                    LaunchAction.Failed,
                    $"its prompt is up but its SessionStart hook did not report within {run.HookGrace.TotalSeconds:0} s, so it "
                        + "did not get its briefing: is the hook wired? (session-bridge install, or ./install.sh)"
                );
            }

            if (now >= deadline)
            {
                return new RoleOutcome(
                    name,
                    pane.Pane,
                    reading.State.ToListedState(),
                    sessionId,
                    LaunchAction.Failed,
                    $"not ready after {run.Timeout.TotalSeconds:0} s ({(started ? "its hooks reported the start" : "no SessionStart from its hooks yet: is the hook wired? session-bridge install")}; screen: {reading.Rule})"
                );
            }

            var saying = started ? "started; waiting for the empty prompt" : "waiting for its SessionStart hook";
            if (saying != lastSaid)
            {
                run.Progress?.Invoke(name, saying);
                lastSaid = saying;
            }

            await Task.Delay(look, clock, cancellationToken);
            look = TimeSpan.FromTicks(Math.Min(look.Ticks * 2, Poll.Ticks));
        }
    }

    /// <summary>The session id the hooks reported (a resumed session may carry a new one) becomes the recorded one.</summary>
    private async Task<string> RecordSessionAsync(
        TeamDefinition team,
        string name,
        TeamPane pane,
        PresenceStore presence,
        string sessionId,
        CancellationToken cancellationToken
    )
    {
        var reported = presence.Read(pane.Socket, pane.ServerPid, pane.Pane, pane.PanePid)?.SessionId;
        if (reported is { Length: > 0 } && reported != sessionId)
        {
            await state.Sessions.SaveAsync(new RoleSession(name, SessionName(team.Name), reported, clock.GetUtcNow()), cancellationToken);
            return reported;
        }

        if (sessionId.Length == 0 && await state.Sessions.FindAsync(RoleName.Trusted(name), cancellationToken) is { } recorded)
            return recorded.SessionId;
        return sessionId;
    }

    private static RoleOutcome Waiting(
        TeamDefinition team,
        string name,
        string pane,
        string sessionId,
        ScreenReading reading,
        FolderTrust? trust,
        bool trustGiven
    )
    {
        var session = SessionName(team.Name);
        var inPane = $"answer it in {name}'s pane (tmux attach -t {session}, pane {pane})";
        var answer = trust switch
        {
            null => inPane + $"; the options are: {string.Join(", ", reading.Options.Select(o => o.Label))}",
            _ when !trustGiven => $"session-bridge up --trust (answers \"Yes, I trust this folder\" for the team's folders), or {inPane}",
            _ => $"{trust.Folder} is not one of the team's folders, so --trust does not answer it: {inPane}",
        };
        return new RoleOutcome(name, pane, reading.State.ToListedState(), sessionId, LaunchAction.Waiting, reading.Heading ?? reading.Rule, answer);
    }

    /// <summary>
    /// What a dead pane's program said last. tmux scrolls a dead pane's last screen up when it writes "Pane is
    /// dead" under it, so the lines above the screen are read too; and it may note the exit before it has drawn
    /// the program's last output, so an empty answer is looked at again, a few times.
    /// </summary>
    private async Task<string> LastWordsAsync(TmuxClient tmux, string pane, CancellationToken cancellationToken)
    {
        var said = "";
        for (var look = 0; look < 10 && said.Length == 0; look++)
        {
            if (look > 0)
                await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken);
            try
            {
                said = LastLines(await tmux.CaptureAsync(pane, 200, cancellationToken));
            }
            catch (TmuxException)
            {
                break;
            }
        }

        return said.Length == 0 ? "no output" : said;
    }

    private static string LastLines(string screen)
    {
        var lines = screen.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("Pane is dead", StringComparison.Ordinal)).TakeLast(2);
        return string.Join(" ", lines);
    }
}
