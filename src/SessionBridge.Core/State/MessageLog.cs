namespace SessionBridge.State;

/// <summary>
/// Every message is written twice: to conversation.jsonl (one ordered thread for all) and to the
/// recipient's mailbox, the fallback when a push into its pane was missed.
/// </summary>
internal sealed class MessageLog(StateDirectory directory, TimeSpan lockTimeout)
{
    private readonly JsonlLog _conversation = new(directory.ConversationPath, lockTimeout);

    public string ConversationPath => _conversation.Path;

    public long ConversationLength => _conversation.Length;

    /// <summary>Messages appended to the conversation after <paramref name="position"/>, and where to read from next.</summary>
    public (IReadOnlyList<MessageRecord> Messages, long Position) ConversationSince(long position) =>
        _conversation.ReadFrom(position, StateJsonContext.Files.MessageRecord);

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

    /// <summary>The last message <paramref name="role"/> has marked read.</summary>
    public string? LastReadId(RoleName role) => Cursor(role).Read().LastReadId;

    public void MarkRead(RoleName role, MessageRecord newest) =>
        Cursor(role).Update(_ => (new InboxCursor(newest.Id, newest.Ts), true));

    private JsonDocumentFile<InboxCursor> Cursor(RoleName role) =>
        new(
            Path.Combine(directory.MailboxDirectory, role.Value + ".read.json"),
            StateJsonContext.Files.InboxCursor,
            () => new InboxCursor(null, null),
            lockTimeout,
            $"which of {role}'s messages are read"
        );

    private JsonlLog Mailbox(RoleName role) => new(directory.MailboxPath(role), lockTimeout);
}
