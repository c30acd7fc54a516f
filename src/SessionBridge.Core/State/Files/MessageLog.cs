namespace SessionBridge.State;

/// <summary>
/// Every message is written twice: to conversation.jsonl (one ordered thread for all) and to the
/// recipient's mailbox, the fallback when a push into its pane was missed.
/// </summary>
internal sealed class MessageLog(StateDirectory directory, TimeSpan lockTimeout, TimeProvider clock) : IMessageStore
{
    private readonly JsonlLog _conversation = new(directory.ConversationPath, lockTimeout);

    public Task<long> ConversationLengthAsync(CancellationToken cancellationToken) => Task.FromResult(_conversation.Length);

    /// <summary>Messages appended to the conversation after <paramref name="position"/>, and where to read from next.</summary>
    /// <remarks>Status lines (a held message's later delivery) are left out: a follower shows messages as they are sent.</remarks>
    public Task<(IReadOnlyList<MessageRecord> Messages, long Position)> ConversationSinceAsync(long position, CancellationToken cancellationToken)
    {
        var (records, next) = _conversation.ReadFrom(position, Line);
        return Task.FromResult<(IReadOnlyList<MessageRecord>, long)>((records.Where(r => !r.IsStatus).Select(r => r.ToMessage()).ToList(), next));
    }

    /// <summary>
    /// Fails when a message with <paramref name="text"/> to <paramref name="to"/> could not be logged:
    /// either log unwritable, or too little free space for both lines. Send checks this before it types,
    /// so a message is never typed into a pane and then lost from the log.
    /// </summary>
    public Task CheckRoomForAsync(RoleName to, string text, CancellationToken cancellationToken)
    {
        var textBytes = System.Text.Encoding.UTF8.GetByteCount(text);
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
                StateOrigin.File(_conversation.Path)
            );
        }

        return Task.CompletedTask;
    }

    public Task AppendAsync(MessageRecord message, CancellationToken cancellationToken) =>
        AppendToBothAsync(Mailbox(RoleName.Trusted(message.To)), LogLine.Of(message), mailboxLocked: false, cancellationToken);

    /// <summary>
    /// Runs <paramref name="step"/> under <paramref name="role"/>'s mailbox lock, with a writer of lines to the
    /// thread and that mailbox: what makes a held message's handover happen once (Held/HeldQueue uses it).
    /// </summary>
    public async Task<T> UnderMailboxLockAsync<T>(RoleName role, Func<Func<LogLine, Task>, Task<T>> step, CancellationToken cancellationToken)
    {
        var mailbox = Mailbox(role);
        using var held = await mailbox.LockAsync(cancellationToken);
        return await step(line => AppendToBothAsync(mailbox, line, mailboxLocked: true, cancellationToken));
    }

    /// <summary>The newest messages of the shared thread, oldest first; with a role, only those from or to it.</summary>
    public Task<LogPage<MessageRecord>> HistoryAsync(int limit, RoleName? role, CancellationToken cancellationToken)
    {
        Func<MessageRecord, bool>? filter = role is { } r ? m => m.From == r.Value || m.To == r.Value : null;
        var fold = new StatusFold(clock.GetUtcNow());
        return Task.FromResult(fold.Apply(_conversation.ReadLast(limit, Line, m => fold.Keep(m, filter))));
    }

    /// <summary>The newest messages to <paramref name="role"/>, oldest first; with <paramref name="after"/>, only those after that message.</summary>
    public Task<LogPage<MessageRecord>> InboxAsync(RoleName role, int limit, string? after, CancellationToken cancellationToken) =>
        Task.FromResult(Inbox(role, limit, after));

    private LogPage<MessageRecord> Inbox(RoleName role, int limit, string? after)
    {
        var fold = new StatusFold(clock.GetUtcNow());
        return fold.Apply(
            Mailbox(role).ReadLast(limit, Line, m => fold.Keep(m, null), stopAt: after is null ? null : m => !m.IsStatus && m.Id == after)
        );
    }

    /// <summary>One message to <paramref name="role"/> with its final status, looked for among the newest <paramref name="window"/>.</summary>
    public Task<MessageRecord?> FindAsync(RoleName role, string id, int window, CancellationToken cancellationToken) =>
        Task.FromResult(Inbox(role, window, null).Records.LastOrDefault(m => m.Id == id));

    /// <summary>
    /// The newest messages (at most <paramref name="limit"/>, newest last) <paramref name="from"/> sent
    /// <paramref name="to"/> since <paramref name="since"/>, read from the end of the mailbox: every server
    /// process sees the same count.
    /// </summary>
    public Task<IReadOnlyList<MessageRecord>> SentSinceAsync(
        RoleName to,
        string from,
        DateTimeOffset since,
        int limit,
        Func<MessageRecord, bool> counts,
        CancellationToken cancellationToken
    ) =>
        Task.FromResult<IReadOnlyList<MessageRecord>>(
            Mailbox(to)
                .ReadLast(limit, Line, m => !m.IsStatus && m.From == from && counts(m.ToMessage()), stopAt: m => !m.IsStatus && m.Ts < since)
                .Records.Select(m => m.ToMessage())
                .ToList()
        );

    /// <summary>Every line of conversation.jsonl, status lines too, oldest first and as written.</summary>
    public async IAsyncEnumerable<LogLine> LinesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var line in _conversation.ReadAll(Line))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return line;
        }

        await Task.CompletedTask;
    }

    /// <summary>The last message <paramref name="role"/> has marked read.</summary>
    public Task<string?> LastReadIdAsync(RoleName role, CancellationToken cancellationToken) => Task.FromResult(Cursor(role).Read().LastReadId);

    public Task MarkReadAsync(RoleName role, MessageRecord newest, CancellationToken cancellationToken) =>
        Cursor(role).UpdateAsync(_ => (new InboxCursor(newest.Id), true), cancellationToken);

    private JsonDocumentFile<InboxCursor> Cursor(RoleName role) =>
        new(
            Path.Combine(directory.MailboxDirectory, role.Value + ".read.json"),
            () => StateJsonContext.Files.InboxCursor,
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

    /// <summary>Every line goes to the shared thread and to the recipient's mailbox (under its lock when <paramref name="mailboxLocked"/>).</summary>
    private async Task AppendToBothAsync(JsonlLog mailbox, LogLine line, bool mailboxLocked, CancellationToken cancellationToken)
    {
        await _conversation.AppendAsync(line, Line, cancellationToken);
        if (mailboxLocked)
            mailbox.AppendWhileLocked(line, Line);
        else
            await mailbox.AppendAsync(line, Line, cancellationToken);
    }

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<LogLine> Line => StateJsonContext.Files.LogLine;
}
