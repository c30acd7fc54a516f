using SessionBridge.Bridge;

namespace SessionBridge.State;

/// <summary>
/// Every message is written twice: to conversation.jsonl (one ordered thread for all) and to the
/// recipient's mailbox, the fallback when a push into its pane was missed.
/// </summary>
internal sealed class MessageLog(StateDirectory directory, TimeSpan lockTimeout, TimeProvider clock)
{
    private readonly JsonlLog _conversation = new(directory.ConversationPath, lockTimeout);
    private readonly HeldStore _held = new(directory);

    public long ConversationLength => _conversation.Length;

    /// <summary>Messages appended to the conversation after <paramref name="position"/>, and where to read from next.</summary>
    /// <remarks>Status lines (a held message's later delivery) are left out: a follower shows messages as they are sent.</remarks>
    public (IReadOnlyList<MessageRecord> Messages, long Position) ConversationSince(long position)
    {
        var (records, next) = _conversation.ReadFrom(position, StateJsonContext.Files.MessageRecord);
        return (records.Where(r => !r.IsStatusLine).ToList(), next);
    }

    /// <summary>
    /// Fails when a message of <paramref name="textBytes"/> to <paramref name="to"/> could not be logged:
    /// either log unwritable, or too little free space for both lines. Send checks this before it types,
    /// so a message is never typed into a pane and then lost from the log.
    /// </summary>
    public void CheckRoomFor(RoleName to, long textBytes)
    {
        _conversation.CheckWritable();
        Mailbox(to).CheckWritable();

        // Escaping can grow text up to six times (\u0000); the other fields are small. Twice: thread and mailbox.
        var needed = 2 * (6 * textBytes + 1024) + FreeSpaceMargin;
        var free = FreeBytes(directory.Root);
        if (free is { } bytes && bytes < needed)
        {
            throw new StateException(
                $"The disk holding {directory.Root} is full ({bytes:N0} bytes free): the message could not be "
                    + $"logged to {_conversation.Path}. Free some disk space, then send again.",
                _conversation.Path
            );
        }
    }

    public void Append(MessageRecord message)
    {
        _conversation.Append(message, StateJsonContext.Files.MessageRecord);
        Mailbox(RoleName.Trusted(message.To)).Append(message, StateJsonContext.Files.MessageRecord);
    }

    /// <summary>The newest messages of the shared thread, oldest first; with a role, only those from or to it.</summary>
    public LogPage<MessageRecord> History(int limit, RoleName? role = null)
    {
        Func<MessageRecord, bool>? filter = role is { } r ? m => m.From == r.Value || m.To == r.Value : null;
        var fold = new StatusFold(clock.GetUtcNow());
        var page = _conversation.ReadLast(limit, StateJsonContext.Files.MessageRecord, m => fold.Keep(m, filter));
        return page with { Records = fold.Apply(page.Records) };
    }

    /// <summary>The newest messages to <paramref name="role"/>, oldest first; with <paramref name="after"/>, only those after that message.</summary>
    public LogPage<MessageRecord> Inbox(RoleName role, int limit, string? after = null)
    {
        var fold = new StatusFold(clock.GetUtcNow());
        var page = Mailbox(role)
            .ReadLast(
                limit,
                StateJsonContext.Files.MessageRecord,
                m => fold.Keep(m, null),
                stopAt: after is null ? null : m => !m.IsStatusLine && m.Id == after
            );
        return page with { Records = fold.Apply(page.Records) };
    }

    /// <summary>One message to <paramref name="role"/> with its final status, looked for among the newest <paramref name="window"/>.</summary>
    public MessageRecord? Find(RoleName role, string id, int window) =>
        Inbox(role, window).Records.LastOrDefault(m => m.Id == id);

    /// <summary>
    /// The newest messages (at most <paramref name="limit"/>, newest last) <paramref name="from"/> sent
    /// <paramref name="to"/> since <paramref name="since"/>, read from the end of the mailbox: every server
    /// process sees the same count.
    /// </summary>
    public IReadOnlyList<MessageRecord> SentSince(RoleName to, string from, DateTimeOffset since, int limit, Func<MessageRecord, bool> counts) =>
        Mailbox(to)
            .ReadLast(
                limit,
                StateJsonContext.Files.MessageRecord,
                m => !m.IsStatusLine && m.From == from && counts(m),
                stopAt: m => !m.IsStatusLine && m.Ts < since
            )
            .Records;

    /// <summary>The messages held for <paramref name="role"/> now, oldest first (read without the lock: a hint).</summary>
    public IReadOnlyList<MessageRecord> Held(RoleName role) => _held.Read(role);

    /// <summary>Whether any role has a message held (one directory listing).</summary>
    public bool AnyHeld() => _held.Any();

    /// <summary>
    /// Logs a held message and keeps it for handing over, both under the mailbox lock, so no handover can run
    /// between them and the thread has the message before any status line about it.
    /// </summary>
    public void AppendHeld(MessageRecord message)
    {
        var role = RoleName.Trusted(message.To);
        var mailbox = Mailbox(role);
        using var held = mailbox.Lock();
        _held.Write(role, [.. _held.Read(role), message]);
        _conversation.Append(message, StateJsonContext.Files.MessageRecord);
        mailbox.AppendWhileLocked(message, StateJsonContext.Files.MessageRecord);
    }

    /// <summary>
    /// The handover, once: under <paramref name="role"/>'s mailbox lock, takes the held messages that
    /// <paramref name="choose"/> picks (it sees those not yet expired, oldest first), removes them from the held
    /// store, and logs a status line for each (delivered <paramref name="via"/>). Messages held over a day are
    /// given up on the way, with a status line saying so. Two processes racing get disjoint sets.
    /// </summary>
    public IReadOnlyList<MessageRecord> ClaimHeld(
        RoleName role,
        Func<IReadOnlyList<MessageRecord>, IReadOnlyList<MessageRecord>> choose,
        DeliveredVia via,
        DateTimeOffset now
    )
    {
        var mailbox = Mailbox(role);
        using var held = mailbox.Lock();
        var waiting = _held.Read(role);
        if (waiting.Count == 0)
            return [];
        var expired = waiting.Where(m => now - m.Ts > HeldStore.Expiry).ToList();
        var live = waiting.Where(m => now - m.Ts <= HeldStore.Expiry).ToList();
        IReadOnlyList<MessageRecord> chosen = live.Count == 0 ? [] : choose(live);
        if (chosen.Count == 0 && expired.Count == 0)
            return [];

        var taken = chosen.Select(m => m.Id).Concat(expired.Select(m => m.Id)).ToHashSet(StringComparer.Ordinal);
        _held.Write(role, waiting.Where(m => !taken.Contains(m.Id)).ToList());
        var lines = expired
            .Select(m => m.StatusLine(now, DeliveryStatus.NotDelivered, false, false, StatusFold.NeverDelivered(m), null))
            .Concat(chosen.Select(m => m.StatusLine(now, DeliveryStatus.Submitted, true, true, null, via)));
        foreach (var line in lines)
        {
            _conversation.Append(line, StateJsonContext.Files.MessageRecord);
            mailbox.AppendWhileLocked(line, StateJsonContext.Files.MessageRecord);
        }

        return chosen;
    }

    /// <summary>
    /// Puts a claimed message back (typing it failed after the claim), with a status line saying it is held
    /// again and why.
    /// </summary>
    public void Rehold(MessageRecord message, string reason, DateTimeOffset now)
    {
        var role = RoleName.Trusted(message.To);
        var mailbox = Mailbox(role);
        using var held = mailbox.Lock();
        _held.Write(role, [.. _held.Read(role).Where(m => m.Id != message.Id), message]);
        var line = message.StatusLine(now, DeliveryStatus.Held, false, false, reason, null) with { DeliveredAt = null };
        _conversation.Append(line, StateJsonContext.Files.MessageRecord);
        mailbox.AppendWhileLocked(line, StateJsonContext.Files.MessageRecord);
    }

    /// <summary>The last message <paramref name="role"/> has marked read.</summary>
    public string? LastReadId(RoleName role) => Cursor(role).Read().LastReadId;

    public void MarkRead(RoleName role, MessageRecord newest) =>
        Cursor(role).Update(_ => (new InboxCursor(newest.Id), true));

    private JsonDocumentFile<InboxCursor> Cursor(RoleName role) =>
        new(
            Path.Combine(directory.MailboxDirectory, role.Value + ".read.json"),
            StateJsonContext.Files.InboxCursor,
            () => new InboxCursor(null),
            lockTimeout,
            $"which of {role}'s messages are read"
        );

    // Room left for the registry, prompts and other processes' lines once this message is written.
    private const long FreeSpaceMargin = 64 * 1024;

    private static long? FreeBytes(string path)
    {
        try
        {
            return new DriveInfo(path).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Unknown: the write itself will tell.
            return null;
        }
    }

    private JsonlLog Mailbox(RoleName role) => new(directory.MailboxPath(role), lockTimeout);
}
