using SessionBridge.State;

namespace SessionBridge.Held;

/// <summary>
/// The messages held for roles that could not take them yet (a menu or a human's draft in the way), and the rules
/// of their handover: held by send, claimed once by the hook or <c>deliver-held</c>, held again when typing them
/// failed, given up after <see cref="HeldStore.Expiry"/>. One handed to a session as its start context stays in
/// the store, marked <see cref="MessageRecord.HandedOver"/>, until a turn of that session carries it (then it is
/// delivered) or the session ends first (then it waits again). Every step changes held/ and logs a line under the role's
/// mailbox lock, so two processes racing take disjoint sets and the thread has a message before any status line
/// about it. The files are State's: <see cref="HeldStore"/> and <see cref="MessageLog"/>.
/// </summary>
internal sealed class HeldQueue(StateStore state)
{
    private readonly IHeldStore _store = state.Held;

    /// <summary>Whether any role has a message held (one directory listing, for the hook's every event).</summary>
    public Task<bool> AnyAsync(CancellationToken cancellationToken) => _store.AnyAsync(cancellationToken);

    /// <summary>The messages waiting for <paramref name="role"/> now (not handed over), oldest first (read without the lock: a hint).</summary>
    public async Task<IReadOnlyList<MessageRecord>> ForAsync(RoleName role, CancellationToken cancellationToken) =>
        Waiting(await _store.ReadAsync(role, cancellationToken));

    /// <summary>Whether anything is in the store for <paramref name="role"/>: waiting, or handed over and not yet carried by a turn.</summary>
    public async Task<bool> HasAsync(RoleName role, CancellationToken cancellationToken) => (await _store.ReadAsync(role, cancellationToken)).Count > 0;

    /// <summary>Every waiting message, by role, oldest first within a role (read without the lock: what the board shows).</summary>
    public async Task<IReadOnlyList<HeldMessage>> AllAsync(CancellationToken cancellationToken)
    {
        var all = new List<HeldMessage>();
        foreach (var role in await _store.RolesAsync(cancellationToken))
            all.AddRange((await ForAsync(role, cancellationToken)).Select(HeldMessage.Of));
        return all;
    }

    // Oldest first by time: a store may list a message it changed (handed over, then waiting again) as its newest.
    private static List<MessageRecord> Waiting(IReadOnlyList<MessageRecord> stored) => stored.Where(m => m.HandedOver is null).OrderBy(m => m.Ts).ToList();

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
    /// The handover, once: takes the waiting messages that <paramref name="choose"/> picks (it sees those not yet
    /// expired, oldest first), removes them from held/, and logs a status line for each (delivered
    /// <paramref name="via"/>). With <paramref name="handover"/> (a context no turn carries yet) they stay in
    /// held/, marked as handed to that session, and the line says handed over. Messages waiting over a day are
    /// given up on the way, with a status line saying so.
    /// </summary>
    public Task<IReadOnlyList<MessageRecord>> ClaimAsync(
        RoleName role,
        Func<IReadOnlyList<MessageRecord>, IReadOnlyList<MessageRecord>> choose,
        DeliveredVia via,
        DateTimeOffset now,
        Handover? handover,
        CancellationToken cancellationToken
    ) =>
        state.Messages.UnderMailboxLockAsync<IReadOnlyList<MessageRecord>>(
            role,
            async append =>
            {
                var stored = await _store.ReadAsync(role, cancellationToken);
                var waiting = Waiting(stored);
                if (waiting.Count == 0)
                    return [];
                var expired = waiting.Where(m => now - m.Ts > HeldStore.Expiry).ToList();
                var live = waiting.Where(m => now - m.Ts <= HeldStore.Expiry).ToList();
                IReadOnlyList<MessageRecord> chosen = live.Count == 0 ? [] : choose(live);
                if (chosen.Count == 0 && expired.Count == 0)
                    return chosen;

                var taken = chosen.Select(m => m.Id).Concat(expired.Select(m => m.Id)).ToHashSet(StringComparer.Ordinal);
                var chosenIds = chosen.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
                await _store.WriteAsync(
                    role,
                    stored
                        .Where(m => !taken.Contains(m.Id) || (handover is not null && chosenIds.Contains(m.Id)))
                        .Select(m => handover is not null && chosenIds.Contains(m.Id) ? m with { HandedOver = handover, DeliveredVia = via } : m)
                        .ToList(),
                    cancellationToken
                );
                foreach (var message in expired)
                    await append(LogLine.Of(StatusLine.About(message, now, DeliveryStatus.NotDelivered, StatusFold.NeverDelivered(message), null)));
                var status = handover is null ? DeliveryStatus.Submitted : DeliveryStatus.HandedOver;
                foreach (var message in chosen)
                    await append(LogLine.Of(StatusLine.About(message, now, status, null, via)));
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

    /// <summary>
    /// A turn of the session <paramref name="sessionId"/> in <paramref name="pane"/> started: the messages handed
    /// to that session as context are now carried to its model. Removes them from held/ and logs each delivered
    /// (submitted, still by the way it was handed over). Returns how many.
    /// </summary>
    public Task<int> CarriedAsync(RoleName role, string? sessionId, string pane, DateTimeOffset now, CancellationToken cancellationToken) =>
        state.Messages.UnderMailboxLockAsync(
            role,
            async append =>
            {
                var stored = await _store.ReadAsync(role, cancellationToken);
                var carried = stored.Where(m => m.HandedOver?.Is(sessionId, pane) == true).ToList();
                if (carried.Count == 0)
                    return 0;
                await _store.WriteAsync(role, stored.Where(m => m.HandedOver?.Is(sessionId, pane) != true).ToList(), cancellationToken);
                foreach (var message in carried)
                    await append(LogLine.Of(StatusLine.About(message, now, DeliveryStatus.Submitted, null, message.DeliveredVia ?? DeliveredVia.SessionStart)));
                return carried.Count;
            },
            cancellationToken
        );

    /// <summary>
    /// The handed-over messages that <paramref name="gone"/> picks (their session ended, or another session
    /// started for the role, before a turn carried them) wait again, each with a status line saying why. Those
    /// <paramref name="keep"/> picks (the new session already has them, as a resumed conversation) are handed to
    /// <paramref name="keep"/>'s session instead, with no new line. Returns those held again.
    /// </summary>
    public Task<IReadOnlyList<MessageRecord>> ReturnAsync(
        RoleName role,
        Func<Handover, bool> gone,
        string reason,
        DateTimeOffset now,
        Func<MessageRecord, Handover?>? keep,
        CancellationToken cancellationToken
    ) =>
        state.Messages.UnderMailboxLockAsync<IReadOnlyList<MessageRecord>>(
            role,
            async append =>
            {
                var stored = await _store.ReadAsync(role, cancellationToken);
                if (!stored.Any(m => m.HandedOver is { } to && gone(to)))
                    return [];
                var again = new List<MessageRecord>();
                var next = new List<MessageRecord>();
                foreach (var message in stored)
                {
                    if (message.HandedOver is not { } to || !gone(to))
                        next.Add(message);
                    else if (keep?.Invoke(message) is { } still)
                        next.Add(message with { HandedOver = still });
                    else
                    {
                        again.Add(message);
                        next.Add(message with { HandedOver = null });
                    }
                }

                await _store.WriteAsync(role, next, cancellationToken);
                foreach (var message in again)
                    await append(LogLine.Of(StatusLine.About(message, now, DeliveryStatus.Held, reason, null)));
                return again;
            },
            cancellationToken
        );
}
