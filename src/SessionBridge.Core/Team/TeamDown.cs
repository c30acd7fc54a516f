using SessionBridge.Bridge;
using SessionBridge.Processes;
using SessionBridge.Screens;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Team;

/// <summary>
/// <c>session-bridge down</c>: ends roles' Claude Code sessions cleanly. It types <c>/exit</c> into each role's
/// pane, on the tmux server its registration recorded (so from any shell), waits for Claude Code to exit, and
/// kills the pane when it does not in time. Everything else is kept: mailboxes, briefings, held messages and the
/// session ids the next <c>up</c> resumes. The role is marked stopped, so peers shows <c>stopped</c>, not dead.
/// </summary>
internal sealed class TeamDown(BridgeOptions options, StateStore state, TimeProvider clock)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly PaneTargeting _targeting = new(options);

    /// <param name="force">Kill the panes of roles whose prompt holds a draft or a menu, instead of leaving them running.</param>
    public async Task<TeamDownResult> RunAsync(
        IReadOnlyList<RoleName> roles,
        TimeSpan exitTimeout,
        CancellationToken cancellationToken,
        bool force = false
    )
    {
        var stops = await Task.WhenAll(roles.Select(role => StopAsync(role, exitTimeout, force, cancellationToken)));
        return new TeamDownResult(stops);
    }

    private async Task<RoleStop> StopAsync(RoleName role, TimeSpan exitTimeout, bool force, CancellationToken cancellationToken)
    {
        var name = role.Value;
        if (await state.Registry.FindAsync(role, cancellationToken) is not { } peer)
            return new RoleStop(name, null, StopAction.NotRegistered, $"{name} is not registered: nothing to stop.");

        // Its pane is in another machine's tmux: only that host can type /exit there, and a look from here would find
        // the pane gone and mark a live role stopped.
        if (!state.IsLocal(peer))
        {
            return new RoleStop(
                name,
                peer.Pane,
                StopAction.Kept,
                $"{name} runs on host {peer.Host}: run session-bridge down {name} there to stop it."
            );
        }

        var tmux = options.Tmux(peer.Socket);
        var check = await _targeting.CheckAsync(peer, cancellationToken);
        if (check.Status is PaneStatus.Gone or PaneStatus.Stale or PaneStatus.Stopped)
        {
            await state.Registry.MarkStoppedAsync(role, clock.GetUtcNow(), cancellationToken);
            return new RoleStop(name, peer.Pane, StopAction.NotRunning, check.Problem);
        }

        if (check.Status == PaneStatus.Dead || !await ClaudeRunsAsync(peer, cancellationToken))
        {
            // Claude Code is gone already: a dead pane of ours is tidied away, a shell is left to its owner.
            if (check.Status == PaneStatus.Dead)
                await tmux.TryCommandAsync(["kill-pane", "-t", peer.Pane], cancellationToken);
            await state.Registry.MarkStoppedAsync(role, clock.GetUtcNow(), cancellationToken);
            return new RoleStop(name, peer.Pane, StopAction.NotRunning, check.Problem);
        }

        if (check.Status == PaneStatus.CopyMode)
            await tmux.TryCommandAsync(["send-keys", "-t", peer.Pane, "-X", "cancel"], cancellationToken);

        // /exit typed after a person's draft is sent to the model with it, and typed into a menu it moves the cursor:
        // never type into either. The person decides: submit or clear the draft, answer the menu, or --force.
        if (await InTheWayAsync(tmux, peer.Pane, cancellationToken) is { } inTheWay)
        {
            if (!force)
                return new RoleStop(name, peer.Pane, StopAction.Kept, inTheWay + " Deal with it, then run down again, or down --force to kill its pane.");
            await state.Registry.MarkStoppedAsync(role, clock.GetUtcNow(), cancellationToken);
            await tmux.TryCommandAsync(["kill-pane", "-t", peer.Pane], cancellationToken);
            return new RoleStop(name, peer.Pane, StopAction.Killed, inTheWay + " --force killed its pane.");
        }

        // Marked before /exit: the SessionEnd hook the exit fires then finds the role stopped on purpose, and does
        // not tell its supervisor it ended. Until its pane goes, list_peers still shows it alive.
        await state.Registry.MarkStoppedAsync(role, clock.GetUtcNow(), cancellationToken);
        await tmux.SendLiteralAsync(peer.Pane, "/exit", cancellationToken);
        // Claude Code takes typed text like a paste: an Enter too soon is eaten with it.
        await Task.Delay(options.SettleDelay, clock, cancellationToken);
        await tmux.SendKeyAsync(peer.Pane, "Enter", cancellationToken);

        // A pane up made stays when its program exits (remain-on-exit): it has exited when tmux says the pane is
        // dead, and is then tidied away. Another pane (Claude Code started by hand under a shell) is done when no
        // Claude Code runs in it any more; its shell is left to its owner.
        var ours = await IsTeamPaneAsync(tmux, peer.Pane, cancellationToken);
        var deadline = clock.GetUtcNow() + exitTimeout;
        while (clock.GetUtcNow() < deadline)
        {
            var probe = await PaneTargeting.InspectAsync(tmux, peer.Pane, cancellationToken);
            var exited = probe.Pane is not { } info || info.PanePid != peer.PanePid || info.Dead || (!ours && !await ClaudeRunsAsync(peer, cancellationToken));
            if (exited)
            {
                if (ours && probe.Pane is not null)
                    await tmux.TryCommandAsync(["kill-pane", "-t", peer.Pane], cancellationToken);
                return new RoleStop(name, peer.Pane, StopAction.Exited);
            }

            await Task.Delay(Poll, clock, cancellationToken);
        }

        await tmux.TryCommandAsync(["kill-pane", "-t", peer.Pane], cancellationToken);
        return new RoleStop(
            name,
            peer.Pane,
            StopAction.Killed,
            $"Claude Code did not exit within {exitTimeout.TotalSeconds:0} s of /exit: its pane was killed."
        );
    }

    /// <summary>What on the role's screen /exit must not be typed into (a draft, a menu), in words, or null.</summary>
    private static async Task<string?> InTheWayAsync(TmuxClient tmux, string pane, CancellationToken cancellationToken)
    {
        string screen;
        try
        {
            screen = await tmux.CaptureAsync(pane, 0, cancellationToken);
        }
        catch (TmuxException)
        {
            // The exit wait below finds out what became of the pane.
            return null;
        }

        var reading = ScreenClassifier.Classify(screen);
        if (reading.State == ScreenState.WaitingSelect)
            return $"It is on a menu (\"{reading.Heading ?? "no heading"}\"): /exit would move its cursor; answer it first (session-bridge respond).";
        if (PromptBox.Read(screen) is { HasDraft: true } box)
        {
            var draft = box.Input.Length > 40 ? box.Input[..40] + "…" : box.Input;
            return $"Its prompt holds an unsent draft (\"{draft}\"): /exit would be sent to the model with it; submit or clear it.";
        }

        return null;
    }

    private static async Task<bool> IsTeamPaneAsync(TmuxClient tmux, string pane, CancellationToken cancellationToken) =>
        !string.IsNullOrWhiteSpace(
            await tmux.TryCommandAsync(["show-options", "-p", "-v", "-t", pane, TmuxSessions.RoleOption], cancellationToken)
        );

    private static async Task<bool> ClaudeRunsAsync(PeerRegistration peer, CancellationToken cancellationToken) =>
        peer.PanePid is { } pid && await PaneProcesses.HasClaudeCodeAsync(pid, cancellationToken);
}
