using SessionBridge.Held;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>
/// session-bridge deliver-held: what the peer's Stop hook starts when messages are held for its role. Waits
/// (bounded) until the pane's prompt is free, then claims the held messages and types them, under the pane's
/// lock. One deliverer per role at a time; a message whose typing failed is held again.
/// </summary>
internal sealed class HeldDelivery(BridgeOptions options, StateStore state, PaneTyping typing, TimeProvider clock)
{
    private readonly HeldQueue _held = new(state);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <returns>How many held messages were typed.</returns>
    public async Task<int> DeliverAsync(string pane, string? socket, TimeSpan patience, CancellationToken cancellationToken)
    {
        var peer = await state.Registry.FindByPaneAsync(pane, socket, null, cancellationToken);
        if (peer is null)
            return 0;
        var role = RoleName.Trusted(peer.Role);
        options.State.EnsureCreated();
        FileLock only;
        try
        {
            only = await FileLock.AcquireAsync(Path.Combine(options.State.LocksDirectory, $"deliver-{role}.lock"), TimeSpan.Zero, cancellationToken);
        }
        catch (StateException)
        {
            return 0; // another deliverer has this role
        }

        using (only)
        {
            var started = clock.GetTimestamp();
            while (clock.GetElapsedTime(started) < patience)
            {
                // Re-read: the role may have moved to another pane (its hooks carry it there), or been handed over.
                peer = await state.Registry.FindAsync(role, cancellationToken);
                if (peer is null || peer.Pane != pane || (await _held.ForAsync(role, cancellationToken)).Count == 0)
                    return 0;

                var results = await typing.TypeHeldAsync(
                    peer,
                    () => _held.ClaimAsync(role, waiting => waiting, DeliveredVia.Typed, clock.GetUtcNow(), null, cancellationToken),
                    cancellationToken
                );
                if (results is not null)
                {
                    foreach (var (message, delivery) in results.Where(r => !r.Delivery.Delivered))
                        await _held.ReholdAsync(message, delivery.Reason ?? "typing failed", clock.GetUtcNow(), cancellationToken);
                    return results.Count(r => r.Delivery.Delivered);
                }

                await Task.Delay(Poll, clock, cancellationToken);
            }

            return 0;
        }
    }
}
