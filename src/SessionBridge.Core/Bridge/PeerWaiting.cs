using SessionBridge.Bridge.Panes;
using SessionBridge.Bridge.Results;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>
/// wait_for: blocks until a peer is idle, is waiting on a question or menu (watched where its pane is:
/// <see cref="IPeerPanes.WaitAsync"/>), or has sent the caller a message (optionally a reply to one id), or until the
/// timeout. It sleeps on the files that change when that happens (the caller's mailbox: <see cref="StateStore.WatchAsync"/>).
/// Cancelled with the request.
/// </summary>
internal sealed class PeerWaiting(BridgeOptions options, StateStore state, PeerDirectory peers, PeerPanes panes, TimeProvider clock)
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

        // The peer's state is watched where its pane is, where its hooks write its presence: it wakes there, not by polling.
        if (caller is not { } inbox)
            return await panes.For(peer).WaitAsync(peer, condition, seconds, cancellationToken);

        var deadline = TimeSpan.FromSeconds(seconds);
        options.State.EnsureCreated();
        using var watch = await state.WatchAsync(null, inbox, cancellationToken);
        while (true)
        {
            var waited = (long)clock.GetElapsedTime(started).TotalMilliseconds;
            if (await ArrivedAsync(inbox, name, parent, cancellationToken) is { } arrived)
                return new WaitResult(name.Value, condition, true, waited, null, arrived, null);
            var left = deadline - clock.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                var total = (long)clock.GetElapsedTime(started).TotalMilliseconds;
                return new WaitResult(name.Value, condition, false, total, null, null, $"timed out after {seconds} s");
            }

            var pause = options.WaitFallbackInterval;
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

    private static WaitCondition ParseCondition(string? until)
    {
        var text = until?.Trim().ToLowerInvariant();
        if (WireNames.TryParse(text, WireNamesJson.Default.WaitCondition, out var condition))
            return condition;
        var known = string.Join(", ", WireNames.All(WireNamesJson.Default.WaitCondition));
        throw new BridgeException($"{{arg:until}} is \"{until}\"; use one of: {known}.");
    }
}
