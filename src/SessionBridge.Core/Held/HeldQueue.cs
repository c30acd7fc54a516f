using SessionBridge.State;

namespace SessionBridge.Held;

/// <summary>
/// The messages held for roles that could not take them yet (a menu or a human's draft in the way), and the rules
/// of their handover: held by send, claimed once by the hook or <c>deliver-held</c>, held again when typing them
/// failed, given up after <see cref="HeldStore.Expiry"/>. Every step changes held/ and logs a line under the role's
/// mailbox lock, so two processes racing take disjoint sets and the thread has a message before any status line
/// about it. The files are State's: <see cref="HeldStore"/> and <see cref="MessageLog"/>.
/// </summary>
internal sealed class HeldQueue(StateStore state)
{
    private readonly IHeldStore _store = state.Held;

    /// <summary>Whether any role has a message held (one directory listing, for the hook's every event).</summary>
    public Task<bool> AnyAsync(CancellationToken cancellationToken) => _store.AnyAsync(cancellationToken);

    /// <summary>The messages held for <paramref name="role"/> now, oldest first (read without the lock: a hint).</summary>
    public Task<IReadOnlyList<MessageRecord>> ForAsync(RoleName role, CancellationToken cancellationToken) => _store.ReadAsync(role, cancellationToken);

    /// <summary>Every held message, by role, oldest first within a role (read without the lock: what the board shows).</summary>
    public async Task<IReadOnlyList<HeldMessage>> AllAsync(CancellationToken cancellationToken)
    {
        var all = new List<HeldMessage>();
        foreach (var role in await _store.RolesAsync(cancellationToken))
            all.AddRange((await _store.ReadAsync(role, cancellationToken)).Select(HeldMessage.Of));
        return all;
    }

    /// <summary>Logs a held message and keeps it for handing over, in one step.</summary>
    public async Task HoldAsync(MessageRecord message, CancellationToken cancellationToken)
    {
        var role = RoleName.Trusted(message.To);
        await state.Messages.UnderMailboxLockAsync(
            role,
            async append =>
            {
                await _store.WriteAsync(role, [.. await _store.ReadAsync(role, cancellationToken), message], cancellationToken);
                await append(LogLine.Of(message));
                return true;
            },
            cancellationToken
        );
    }

    /// <summary>
    /// The handover, once: takes the held messages that <paramref name="choose"/> picks (it sees those not yet
    /// expired, oldest first), removes them from held/, and logs a status line for each (delivered
    /// <paramref name="via"/>). Messages held over a day are given up on the way, with a status line saying so.
    /// </summary>
    public Task<IReadOnlyList<MessageRecord>> ClaimAsync(
        RoleName role,
        Func<IReadOnlyList<MessageRecord>, IReadOnlyList<MessageRecord>> choose,
        DeliveredVia via,
        DateTimeOffset now,
        CancellationToken cancellationToken
    ) =>
        state.Messages.UnderMailboxLockAsync<IReadOnlyList<MessageRecord>>(
            role,
            async append =>
            {
                var waiting = await _store.ReadAsync(role, cancellationToken);
                if (waiting.Count == 0)
                    return [];
                var expired = waiting.Where(m => now - m.Ts > HeldStore.Expiry).ToList();
                var live = waiting.Where(m => now - m.Ts <= HeldStore.Expiry).ToList();
                IReadOnlyList<MessageRecord> chosen = live.Count == 0 ? [] : choose(live);
                if (chosen.Count == 0 && expired.Count == 0)
                    return chosen;

                var taken = chosen.Select(m => m.Id).Concat(expired.Select(m => m.Id)).ToHashSet(StringComparer.Ordinal);
                await _store.WriteAsync(role, waiting.Where(m => !taken.Contains(m.Id)).ToList(), cancellationToken);
                foreach (var message in expired)
                    await append(LogLine.Of(StatusLine.About(message, now, DeliveryStatus.NotDelivered, StatusFold.NeverDelivered(message), null)));
                foreach (var message in chosen)
                    await append(LogLine.Of(StatusLine.About(message, now, DeliveryStatus.Submitted, null, via)));
                return chosen;
            },
            cancellationToken
        );

    /// <summary>Puts a claimed message back (typing it failed after the claim), with a status line saying it is held again and why.</summary>
    public async Task ReholdAsync(MessageRecord message, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var role = RoleName.Trusted(message.To);
        await state.Messages.UnderMailboxLockAsync(
            role,
            async append =>
            {
                await _store.WriteAsync(role, [.. (await _store.ReadAsync(role, cancellationToken)).Where(m => m.Id != message.Id), message], cancellationToken);
                await append(LogLine.Of(StatusLine.About(message, now, DeliveryStatus.Held, reason, null)));
                return true;
            },
            cancellationToken
        );
    }
}
