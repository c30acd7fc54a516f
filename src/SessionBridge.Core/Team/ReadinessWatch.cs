using SessionBridge.Bridge;
using SessionBridge.Processes;
using SessionBridge.Screens;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Team;

/// <summary>
/// Watches a starting role until it is ready (its hooks reported the start and its screen shows the empty prompt),
/// shows a dialog, fails, or the time is up; answers the folder-trust dialog when <c>--trust</c> says so.
/// </summary>
internal sealed class ReadinessWatch(BridgeOptions options, StateStore state, TimeProvider clock)
{
    // How often a starting role is looked at: soon at first (a fast start is seen at once), then every 200 ms
    // (two tmux calls a look, for as long as Claude Code takes to start).
    private static readonly TimeSpan FirstLook = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly GatedPane _gated = new(options, state, clock);

    /// <summary>Watches one role until it is ready, shows a dialog, fails, or the time is up.</summary>
    public async Task<RoleOutcome> WaitAsync(
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
        var note = launch.Note;
        var trustAnswered = false;
        string? trusted = null;
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
                pane = await _gated.RestartFreshAsync(team, launch, pane, sessionId, sessions, cancellationToken);
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
                    trustAnswered = true;
                    if (await FolderTrust.AnswerYesAsync(sessions.Client, pane.Pane, clock, cancellationToken))
                    {
                        trusted = trust.Folder;
                        run.Progress?.Invoke(name, $"chose \"Yes, I trust this folder\" for {trust.Folder}: waiting for the session to start");
                    }

                    continue;
                }

                if (!trustAnswered || trust is null || trusted is null)
                    return Waiting(team, name, pane.Pane, sessionId, reading, trust, run.Trust, trustAnswered);
            }

            var started = launch.Action == LaunchAction.Kept
                || presence.Read(pane.Socket, pane.ServerPid, pane.Pane, pane.PanePid) is not null;
            // The empty prompt: a resumed conversation that ended on a question reads as waiting_text, prompt empty.
            if (started && reading.State is ScreenState.Idle or ScreenState.WaitingText)
            {
                sessionId = await RecordSessionAsync(team, name, pane, presence, sessionId, cancellationToken);
                // Said only now: the session is past the dialog, at its prompt (and, for a start, its hook reported).
                if (trusted is not null)
                    run.Progress?.Invoke(name, $"answered the folder-trust dialog for {trusted}: Yes");
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
    private async Task<string> RecordSessionAsync(TeamDefinition team, string name, TeamPane pane, PresenceStore presence, string sessionId, CancellationToken cancellationToken)
    {
        var reported = presence.Read(pane.Socket, pane.ServerPid, pane.Pane, pane.PanePid)?.SessionId;
        if (reported is { Length: > 0 } && reported != sessionId)
        {
            await state.Sessions.SaveAsync(new RoleSession(name, TeamUp.SessionName(team.Name), reported, clock.GetUtcNow()), cancellationToken);
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
        bool trustGiven,
        bool trustTried
    )
    {
        var session = TeamUp.SessionName(team.Name);
        var inPane = $"answer it in {name}'s pane (tmux attach -t {session}, pane {pane})";
        var answer = trust switch
        {
            null => inPane + $"; the options are: {string.Join(", ", reading.Options.Select(o => o.Label))}",
            _ when trustTried => $"--trust could not put the cursor on \"Yes, I trust this folder\", so it did not press Enter: {inPane}",
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
