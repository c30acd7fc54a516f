using NATS.Client.Core;

namespace SessionBridge.State.Nats;

/// <summary>
/// Wakes a waiter on a change to a pane's presence (a local file, watched as on one machine by
/// <see cref="StateWatch"/>) or to a role's mailbox (a plain NATS subscription to its subject: every line published
/// to the stream reaches it too), whichever comes first. A change while nobody waits is kept for the next wait.
/// </summary>
internal sealed class NatsStateWatch : IStateWatch
{
    private readonly StateWatch? _presence;
    private readonly INatsSub<byte[]>? _mailbox;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NatsStateWatch(StateWatch? presence, INatsSub<byte[]>? mailbox)
    {
        _presence = presence;
        _mailbox = mailbox;
        if (mailbox is not null)
            _ = ListenAsync(mailbox);
    }

    /// <exception cref="StateException">The mailbox cannot be subscribed to (the store is unreachable).</exception>
    public static async Task<IStateWatch> ForAsync(
        NatsTeam team,
        StateDirectory directory,
        PaneIdentity? pane,
        RoleName? mailbox,
        CancellationToken cancellationToken
    )
    {
        var presence = pane is null ? null : StateWatch.For(directory, pane, null);
        INatsSub<byte[]>? subscription = null;
        if (mailbox is { } role)
        {
            try
            {
                subscription = await team.CallAsync(
                    $"watching {role}'s mailbox",
                    async token =>
                    {
                        var sub = await team.Connection.SubscribeCoreAsync(
                            team.Subject("msg", role.Value),
                            serializer: NatsRawSerializer<byte[]>.Default,
                            cancellationToken: token
                        );
                        try
                        {
                            // The server answers a ping after it has taken the subscription: from here on, no line is missed.
                            await team.Connection.PingAsync(token);
                            return sub;
                        }
                        catch
                        {
                            await sub.DisposeAsync();
                            throw;
                        }
                    },
                    cancellationToken
                );
            }
            catch
            {
                presence?.Dispose();
                throw;
            }
        }

        return new NatsStateWatch(presence, subscription);
    }

    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        Task mailbox;
        lock (_gate)
            mailbox = _changed.Task;
        if (mailbox.IsCompleted)
            return Consume(mailbox);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var other =
            _presence is not null
                ? _presence.WaitAsync(timeout, clock, stop.Token)
                : Task.Delay(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, clock, stop.Token).ContinueWith(_ => false, TaskScheduler.Default);
        await Task.WhenAny(mailbox, other);
        cancellationToken.ThrowIfCancellationRequested();
        if (mailbox.IsCompleted)
        {
            // The presence wait may have seen a change too: then both are told by this one wake.
            stop.Cancel();
            try
            {
                await other;
            }
            catch (OperationCanceledException) { }

            return Consume(mailbox);
        }

        return await other;
    }

    private bool Consume(Task changed)
    {
        lock (_gate)
        {
            if (_changed.Task == changed)
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return true;
    }

    private async Task ListenAsync(INatsSub<byte[]> subscription)
    {
        try
        {
            await foreach (var _ in subscription.Msgs.ReadAllAsync(_stop.Token))
            {
                lock (_gate)
                    _changed.TrySetResult();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or NatsException)
        {
            // Disposed, or the connection closed for good: waits then end on their timeout and read again.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _presence?.Dispose();
        if (_mailbox is { } subscription)
            _ = UnsubscribeAsync(subscription);
        _stop.Dispose();
    }

    private static async Task UnsubscribeAsync(INatsSub<byte[]> subscription)
    {
        try
        {
            await subscription.DisposeAsync();
        }
        catch (NatsException)
        {
            // The connection is gone: so is the subscription.
        }
    }
}
