#pragma warning disable CS9113 // SKELETON
namespace SessionBridge.State.Nats;

/// <summary>the team stream "messages": the conversation in stream order, a subject per recipient for its mailbox.</summary>
internal sealed class NatsMessageLog(NatsTeam team, TimeProvider clock) : IMessageStore
{
    // SKELETON: to be written.
    public long ConversationLength => throw new NotImplementedException();
    public (IReadOnlyList<MessageRecord> Messages, long Position) ConversationSince(long position) => throw new NotImplementedException();
    public void CheckRoomFor(RoleName to, long textBytes) => throw new NotImplementedException();
    public void Append(MessageRecord message) => throw new NotImplementedException();
    public T UnderMailboxLock<T>(RoleName role, Func<Action<LogLine>, T> step) => throw new NotImplementedException();
    public LogPage<MessageRecord> History(int limit, RoleName? role = null) => throw new NotImplementedException();
    public LogPage<MessageRecord> Inbox(RoleName role, int limit, string? after = null) => throw new NotImplementedException();
    public MessageRecord? Find(RoleName role, string id, int window) => throw new NotImplementedException();
    public IReadOnlyList<MessageRecord> SentSince(RoleName to, string from, DateTimeOffset since, int limit, Func<MessageRecord, bool> counts) => throw new NotImplementedException();
    public IEnumerable<LogLine> Lines() => throw new NotImplementedException();
    public string? LastReadId(RoleName role) => throw new NotImplementedException();
    public void MarkRead(RoleName role, MessageRecord newest) => throw new NotImplementedException();
}
