namespace SessionBridge.State;

/// <summary>
/// Every message is written twice: to conversation.jsonl (one ordered thread for all) and to the
/// recipient's mailbox, the fallback when a push into its pane was missed.
/// </summary>
internal sealed class MessageLog(StateDirectory directory, TimeSpan lockTimeout)
{
    private readonly JsonlLog _conversation = new(directory.ConversationPath, lockTimeout);

    public long ConversationLength => _conversation.Length;

    /// <summary>Messages appended to the conversation after <paramref name="position"/>, and where to read from next.</summary>
    public (IReadOnlyList<MessageRecord> Messages, long Position) ConversationSince(long position) =>
        _conversation.ReadFrom(position, StateJsonContext.Files.MessageRecord);

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
    public LogPage<MessageRecord> History(int limit, RoleName? role = null) =>
        _conversation.ReadLast(
            limit,
            StateJsonContext.Files.MessageRecord,
            role is { } r ? m => m.From == r.Value || m.To == r.Value : null
        );

    /// <summary>The newest messages to <paramref name="role"/>, oldest first; with <paramref name="after"/>, only those after that message.</summary>
    public LogPage<MessageRecord> Inbox(RoleName role, int limit, string? after = null) =>
        Mailbox(role)
            .ReadLast(
                limit,
                StateJsonContext.Files.MessageRecord,
                stopAt: after is null ? null : m => m.Id == after
            );

    /// <summary>
    /// The newest messages (at most <paramref name="limit"/>, newest last) <paramref name="from"/> sent
    /// <paramref name="to"/> since <paramref name="since"/>, read from the end of the mailbox: every server
    /// process sees the same count.
    /// </summary>
    public IReadOnlyList<MessageRecord> SentSince(RoleName to, string from, DateTimeOffset since, int limit, Func<MessageRecord, bool> counts) =>
        Mailbox(to)
            .ReadLast(limit, StateJsonContext.Files.MessageRecord, m => m.From == from && counts(m), stopAt: m => m.Ts < since)
            .Records;

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
