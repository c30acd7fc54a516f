using SessionBridge.Bridge.Results;
using SessionBridge.Processes;
using SessionBridge.Screens;
using SessionBridge.State;

namespace SessionBridge.Bridge.Panes;

/// <summary>
/// wait_for on the state of a pane of this host: sleeps on the peer's presence (<see cref="StateStore.WatchAsync"/>,
/// which its hooks write) and looks at the screen only every <see cref="BridgeOptions.WaitFallbackInterval"/>, for panes
/// without hooks and to see an interrupt, which fires no hook. Cancelled with the request.
/// </summary>
internal sealed class PaneWatching(BridgeOptions options, StateStore state, PaneTargeting targeting, PeerStateReader reader, TimeProvider clock)
{
    public async Task<WaitResult> WaitAsync(PeerRegistration peer, WaitCondition condition, int seconds, CancellationToken cancellationToken)
    {
        var name = RoleName.Trusted(peer.Role);
        var started = clock.GetTimestamp();
        var deadline = TimeSpan.FromSeconds(seconds);
        options.State.EnsureCreated();
        using var watch = await state.WatchAsync(PaneIdentity.Of(peer), null, cancellationToken);
        PeerState? last = null;
        while (true)
        {
            var waited = (long)clock.GetElapsedTime(started).TotalMilliseconds;
            var pause = options.WaitFallbackInterval;
            // Where the hooks vouch for the pane (presence of this pane process, both processes alive), the
            // look is one tmux call, not two: 8 servers waiting on busy peers cost half the CPU. A capture
            // that fails, or no presence, asks tmux whether the pane is lost.
            var screen = HooksVouchFor(peer) ? await TryScreenAsync(peer, cancellationToken) : null;
            if (screen is null)
            {
                var check = await targeting.CheckAsync(peer, cancellationToken);
                if (check.Status.IsLost())
                    return new WaitResult(name.Value, condition, false, waited, check.Status.ToWireName(), null, check.Problem);
                screen = await ScreenAsync(peer, cancellationToken);
            }

            last = reader.Read(peer, screen);
            if (Meets(condition, last.State))
                return Ended(name, condition, true, waited, last, null);
            // The hook outweighs a disagreeing screen only for a moment: look again when that moment ends.
            if (last.RecheckAt is { } recheck && recheck - clock.GetUtcNow() is var untilRecheck && untilRecheck < pause)
                pause = untilRecheck > TimeSpan.Zero ? untilRecheck : TimeSpan.Zero;

            var left = deadline - clock.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                var total = (long)clock.GetElapsedTime(started).TotalMilliseconds;
                return Ended(name, condition, false, total, last, $"timed out after {seconds} s");
            }

            await watch.WaitAsync(pause < left ? pause : left, clock, cancellationToken);
        }
    }

    private static WaitResult Ended(RoleName name, WaitCondition condition, bool met, long waited, PeerState? last, string? reason) =>
        new(
            name.Value,
            condition,
            met,
            waited,
            last?.State.ToWireName(),
            null,
            reason,
            last?.Source,
            last?.Since,
            met ? LastAnswer(last) : null
        );

    /// <summary>
    /// The peer's final answer of the turn that just ended: only when its Stop hook said so. An interrupt (seen
    /// on the screen) or a StopFailure carries none, and the answer kept from an earlier turn is not this one's.
    /// </summary>
    private static string? LastAnswer(PeerState? last) =>
        last is { Source: StateSource.Hook, State: ScreenState.Idle or ScreenState.WaitingText, Presence: { State: PresenceState.Idle } presence }
        && presence.LastAnswerAt >= presence.Since
            ? presence.LastAnswer
            : null;

    private static bool Meets(WaitCondition condition, ScreenState state) =>
        condition switch
        {
            WaitCondition.Idle => state == ScreenState.Idle,
            WaitCondition.Question => state is ScreenState.WaitingSelect or ScreenState.WaitingText,
            _ => state is ScreenState.Idle or ScreenState.WaitingSelect or ScreenState.WaitingText,
        };

    private bool HooksVouchFor(PeerRegistration peer) =>
        reader.Presence(peer) is not null
        && peer is { ServerPid: { } server, PanePid: { } pane }
        && ProcessTable.IsRunning(server)
        && ProcessTable.IsRunning(pane);

    private async Task<string?> TryScreenAsync(PeerRegistration peer, CancellationToken cancellationToken)
    {
        try
        {
            return await options.Tmux(peer.Socket).CaptureAsync(peer.Pane, 0, cancellationToken);
        }
        catch (TmuxException)
        {
            return null;
        }
    }

    private async Task<string> ScreenAsync(PeerRegistration peer, CancellationToken cancellationToken)
    {
        try
        {
            return await options.Tmux(peer.Socket).CaptureAsync(peer.Pane, 0, cancellationToken);
        }
        catch (TmuxException e)
        {
            // Regression: a TmuxException used to escape to the SDK's generic error, which told the model nothing.
            throw new BridgeException($"Cannot read {peer.Role}'s screen while waiting: {e.Message}", Errors.ErrorCode.Tmux);
        }
    }
}
