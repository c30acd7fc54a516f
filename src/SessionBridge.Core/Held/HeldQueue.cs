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
    public bool Any() => _store.Any();

    /// <summary>The messages held for <paramref name="role"/> now, oldest first (read without the lock: a hint).</summary>
    public IReadOnlyList<MessageRecord> For(RoleName role) => _store.Read(role);

    /// <summary>Every held message, by role, oldest first within a role (read without the lock: what the board shows).</summary>
    public IReadOnlyList<HeldMessage> All() => _store.Roles().SelectMany(role => _store.Read(role)).Select(HeldMessage.Of).ToList();

    /// <summary>Logs a held message and keeps it for handing over, in one step.</summary>
    public void Hold(MessageRecord message)
    {
        var role = RoleName.Trusted(message.To);
        state.Messages.UnderMailboxLock(
            role,
            append =>
            {
                _store.Write(role, [.. _store.Read(role), message]);
                append(LogLine.Of(message));
                return true;
            }
        );
    }

    /// <summary>
    /// The handover, once: takes the held messages that <paramref name="choose"/> picks (it sees those not yet
    /// expired, oldest first), removes them from held/, and logs a status line for each (delivered
    /// <paramref name="via"/>). Messages held over a day are given up on the way, with a status line saying so.
    /// </summary>
    public IReadOnlyList<MessageRecord> Claim(
        RoleName role,
        Func<IReadOnlyList<MessageRecord>, IReadOnlyList<MessageRecord>> choose,
        DeliveredVia via,
        DateTimeOffset now
    ) =>
        state.Messages.UnderMailboxLock<IReadOnlyList<MessageRecord>>(
            role,
            append =>
            {
                var waiting = _store.Read(role);
                if (waiting.Count == 0)
                    return [];
                var expired = waiting.Where(m => now - m.Ts > HeldStore.Expiry).ToList();
                var live = waiting.Where(m => now - m.Ts <= HeldStore.Expiry).ToList();
                IReadOnlyList<MessageRecord> chosen = live.Count == 0 ? [] : choose(live);
                if (chosen.Count == 0 && expired.Count == 0)
                    return chosen;

                var taken = chosen.Select(m => m.Id).Concat(expired.Select(m => m.Id)).ToHashSet(StringComparer.Ordinal);
                _store.Write(role, waiting.Where(m => !taken.Contains(m.Id)).ToList());
                foreach (var message in expired)
                    append(LogLine.Of(StatusLine.About(message, now, DeliveryStatus.NotDelivered, StatusFold.NeverDelivered(message), null)));
                foreach (var message in chosen)
                    append(LogLine.Of(StatusLine.About(message, now, DeliveryStatus.Submitted, null, via)));
                return chosen;
            }
        );

    /// <summary>Puts a claimed message back (typing it failed after the claim), with a status line saying it is held again and why.</summary>
    public void Rehold(MessageRecord message, string reason, DateTimeOffset now)
    {
        var role = RoleName.Trusted(message.To);
        state.Messages.UnderMailboxLock(
            role,
            append =>
            {
                _store.Write(role, [.. _store.Read(role).Where(m => m.Id != message.Id), message]);
                append(LogLine.Of(StatusLine.About(message, now, DeliveryStatus.Held, reason, null)));
                return true;
            }
        );
    }
}
