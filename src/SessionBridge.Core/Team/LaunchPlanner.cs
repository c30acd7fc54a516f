using SessionBridge.Bridge;
using SessionBridge.Processes;
using SessionBridge.Screens;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Team;

/// <summary>Decides, for each role, whether <c>up</c> keeps its live session, resumes its recorded one, or starts it.</summary>
internal sealed class LaunchPlanner(BridgeOptions options, StateStore state, TimeProvider clock)
{
    private readonly PaneTargeting _targeting = new(options);
    private readonly GatedPane _gated = new(options, state, clock);

    /// <summary>Decides what a role needs (keep, start, resume, or nothing and why) and makes its pane, gated.</summary>
    public async Task<Launch> PrepareAsync(
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
            await _gated.RegisterAsync(role, ours, cancellationToken);
            var kept = await sessions.Client.TryCommandAsync(["show-options", "-p", "-v", "-t", ours.Pane, LaunchSettings.Option], cancellationToken);
            var changed = LaunchSettings.Changed(kept?.Trim(), LaunchSettings.Of(team, role, program));
            var note = changed.Count > 0 ? LaunchSettings.NotApplied(name, changed) : null;
            return new Launch(role, ours, recorded?.SessionId ?? "", LaunchAction.Kept, null, false, null, Note: note);
        }

        if (ours is { Dead: false })
        {
            // Left behind its gate by an up that was interrupted: what it will run is in its command line.
            var (waitingId, waitingResume) = await GatedPane.GatedSessionAsync(ours.PanePid, cancellationToken);
            var id = waitingId ?? recorded?.SessionId ?? "";
            run.Progress?.Invoke(name, $"pane {ours.Pane} was waiting to start: starting it");
            await _gated.RegisterAsync(role, ours, cancellationToken);
            if (id.Length > 0)
                await state.Sessions.SaveAsync(new RoleSession(name, session, id, clock.GetUtcNow()), cancellationToken);
            var gate = await GatedPane.GateOfAsync(sessions, ours.Pane, cancellationToken);
            var waitingAction = waitingResume ? LaunchAction.Resumed : LaunchAction.Started;
            return new Launch(role, ours, id, waitingAction, gate, waitingResume, program);
        }

        // A session that never had a turn has nothing to resume: Claude Code would say "No conversation found".
        var resume = recorded is not null && recorded.Team == session && ClaudeTranscripts.Exists(team, role, recorded.SessionId);
        if (recorded is not null && recorded.Team == session && !resume)
            run.Progress?.Invoke(name, $"session {recorded.SessionId} never had a turn (no transcript): starting a new one");
        var sessionId = resume ? recorded!.SessionId : Guid.NewGuid().ToString();
        var action = resume ? LaunchAction.Resumed : LaunchAction.Started;
        var (pane, channel) = await _gated.CreateAsync(team, role, program, session, sessionId, resume, ours, sessions, run, cancellationToken);
        panes.Add(pane);
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
}
