using SessionBridge.Bridge.Remote;
using SessionBridge.Bridge.Results;
using SessionBridge.Processes;
using SessionBridge.Screens;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>
/// wait_for: blocks until a peer is idle, is waiting on a question or menu, or has sent the caller a message
/// (optionally a reply to one id), or until the timeout. It sleeps on the files that change when that
/// happens (the peer's presence, the caller's mailbox: <see cref="StateStore.Watch"/>) and looks at the screen only
/// every <see cref="BridgeOptions.WaitFallbackInterval"/>, for panes without hooks and to see an interrupt,
/// which fires no hook. Cancelled with the request.
/// </summary>
internal sealed class PeerWaiting(
    BridgeOptions options,
    StateStore state,
    PeerDirectory peers,
    PaneTargeting targeting,
    PeerStateReader reader,
    RemotePanes remote,
    TimeProvider clock
)
{
    public async Task<WaitResult> WaitForAsync(
        string? role,
        string? until,
        int? timeoutSeconds,
        string? me,
        string? replyTo,
        CancellationToken cancellationToken,
        string? id = null
    )
    {
        var name = RoleName.Parse(role);
        var condition = ParseCondition(until);
        var seconds = Arguments.InRange(
            timeoutSeconds ?? Limits.DefaultWaitSeconds,
            "timeout_s",
            Limits.MinWaitSeconds,
            Limits.MaxWaitSeconds
        );
        var parent = MessageId.ParseOptional(replyTo, "reply_to");
        RoleName? caller = null;
        if (condition == WaitCondition.Message)
        {
            caller = RoleName.Parse(
                me
                    ?? throw new BridgeException(
                        "Waiting for a message needs {arg:me}: your own role, whose inbox the message arrives in."
                    ),
                "me"
            );
        }

        var message = MessageId.ParseOptional(id, "id");
        if (condition == WaitCondition.Delivered && message is null)
            throw new BridgeException("Waiting for delivery needs {arg:id}: the id send returned for the held message.");

        var peer = await peers.FindAsync(name, "role", cancellationToken);
        var started = clock.GetTimestamp();
        if (message is not null && condition == WaitCondition.Delivered)
            return await DeliveredAsync(name, message, seconds, started, cancellationToken);

        // The peer's state is watched on its own host, where its hooks write its presence: it wakes there, not by polling.
        if (caller is null && remote.IsRemote(peer))
            return await remote.WaitForAsync(peer, until, seconds, cancellationToken);

        var deadline = TimeSpan.FromSeconds(seconds);
        options.State.EnsureCreated();
        using var watch = await state.WatchAsync(caller is null ? PaneIdentity.Of(peer) : null, caller, cancellationToken);
        PeerState? last = null;
        while (true)
        {
            var waited = (long)clock.GetElapsedTime(started).TotalMilliseconds;
            var pause = options.WaitFallbackInterval;
            if (caller is { } inbox)
            {
                if (await ArrivedAsync(inbox, name, parent, cancellationToken) is { } arrived)
                    return new WaitResult(name.Value, condition, true, waited, null, arrived, null);
            }
            else
            {
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
            }

            var left = deadline - clock.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                var total = (long)clock.GetElapsedTime(started).TotalMilliseconds;
                return Ended(name, condition, false, total, last, $"timed out after {seconds} s");
            }

            await watch.WaitAsync(pause < left ? pause : left, clock, cancellationToken);
        }
    }

    /// <summary>Until the message <paramref name="id"/> to <paramref name="role"/> is no longer held (its mailbox changes when it goes).</summary>
    private async Task<WaitResult> DeliveredAsync(RoleName role, string id, int seconds, long started, CancellationToken cancellationToken)
    {
        var deadline = TimeSpan.FromSeconds(seconds);
        using var watch = await state.WatchAsync(null, role, cancellationToken);
        while (true)
        {
            var waited = (long)clock.GetElapsedTime(started).TotalMilliseconds;
            var record =
                await state.Messages.FindAsync(role, id, Limits.MaxMessages, cancellationToken)
                ?? throw new BridgeException(
                    $"No message with id \"{id}\" among the last {Limits.MaxMessages} sent to {role}. Check the id with "
                        + $"{{cmd:inbox {role}}}."
                );
            if (record.Status is not (DeliveryStatus.Held or DeliveryStatus.HandedOver))
                return new WaitResult(role.Value, WaitCondition.Delivered, record.Delivered, waited, null, record, record.Delivered ? null : record.Reason);
            var left = deadline - clock.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
                return new WaitResult(role.Value, WaitCondition.Delivered, false, waited, null, record, $"timed out after {seconds} s: still held");
            await watch.WaitAsync(left < options.WaitFallbackInterval ? left : options.WaitFallbackInterval, clock, cancellationToken);
        }
    }

    /// <summary>
    /// The message that ends a wait, if it is already in the inbox: the reply to <paramref name="parent"/>,
    /// wherever it is; else the first message from <paramref name="from"/> after the read mark. A reply that came
    /// between the send and this call is found, and so is one that came between two calls. Reading only: the
    /// mark moves with inbox(mark_read).
    /// </summary>
    private async Task<MessageRecord?> ArrivedAsync(RoleName inbox, RoleName from, string? parent, CancellationToken cancellationToken)
    {
        var after = parent is null ? await state.Messages.LastReadIdAsync(inbox, cancellationToken) : null;
        return (await state.Messages.InboxAsync(inbox, Limits.MaxMessages, after, cancellationToken))
            .Records.FirstOrDefault(m => m.From == from.Value && (parent is null || m.ReplyTo == parent));
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

    private static WaitCondition ParseCondition(string? until)
    {
        var text = until?.Trim().ToLowerInvariant();
        if (WireNames.TryParse(text, WireNamesJson.Default.WaitCondition, out var condition))
            return condition;
        var known = string.Join(", ", WireNames.All(WireNamesJson.Default.WaitCondition));
        throw new BridgeException($"{{arg:until}} is \"{until}\"; use one of: {known}.");
    }

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
