namespace SessionBridge.State;

/// <summary>
/// The conversation (one ordered thread for all) and each role's mailbox, the fallback when a push into its pane
/// was missed; every line goes to both. Also each role's read mark.
/// </summary>
internal interface IMessageStore
{
    /// <summary>Where the conversation ends now, for <see cref="ConversationSinceAsync"/>.</summary>
    Task<long> ConversationLengthAsync(CancellationToken cancellationToken);

    /// <summary>Messages appended to the conversation after <paramref name="position"/> (status lines left out), and where to read from next.</summary>
    Task<(IReadOnlyList<MessageRecord> Messages, long Position)> ConversationSinceAsync(long position, CancellationToken cancellationToken);

    /// <summary>Fails when a message with <paramref name="text"/> to <paramref name="to"/> could not be logged (no room, or too large for the store): checked before typing.</summary>
    Task CheckRoomForAsync(RoleName to, string text, CancellationToken cancellationToken);

    Task AppendAsync(MessageRecord message, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="step"/> under <paramref name="role"/>'s mailbox lock, with a writer of lines to the thread
    /// and that mailbox: what makes a held message's handover happen once, across every process that shares the store.
    /// </summary>
    Task<T> UnderMailboxLockAsync<T>(RoleName role, Func<Func<LogLine, Task>, Task<T>> step, CancellationToken cancellationToken);

    /// <summary>The newest messages of the shared thread, oldest first; with a role, only those from or to it.</summary>
    Task<LogPage<MessageRecord>> HistoryAsync(int limit, RoleName? role, CancellationToken cancellationToken);

    /// <summary>The newest messages to <paramref name="role"/>, oldest first; with <paramref name="after"/>, only those after that message.</summary>
    Task<LogPage<MessageRecord>> InboxAsync(RoleName role, int limit, string? after, CancellationToken cancellationToken);

    /// <summary>One message to <paramref name="role"/> with its final status, looked for among the newest <paramref name="window"/>.</summary>
    Task<MessageRecord?> FindAsync(RoleName role, string id, int window, CancellationToken cancellationToken);

    /// <summary>
    /// The newest messages (at most <paramref name="limit"/>, newest last) <paramref name="from"/> sent <paramref name="to"/>
    /// since <paramref name="since"/> for which <paramref name="counts"/> holds: the loop brake's count, the same in every process.
    /// </summary>
    Task<IReadOnlyList<MessageRecord>> SentSinceAsync(
        RoleName to,
        string from,
        DateTimeOffset since,
        int limit,
        Func<MessageRecord, bool> counts,
        CancellationToken cancellationToken
    );

    /// <summary>
    /// Every line of the conversation, status lines too, oldest first and as written: what a copy of the whole store
    /// reads (<c>session-bridge migrate</c>), and writes back one by one through <see cref="UnderMailboxLockAsync{T}"/>'s writer.
    /// </summary>
    IAsyncEnumerable<LogLine> LinesAsync(CancellationToken cancellationToken);

    /// <summary>The last message <paramref name="role"/> has marked read.</summary>
    Task<string?> LastReadIdAsync(RoleName role, CancellationToken cancellationToken);

    Task MarkReadAsync(RoleName role, MessageRecord newest, CancellationToken cancellationToken);
}
