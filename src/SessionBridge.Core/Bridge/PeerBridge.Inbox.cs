using SessionBridge.Bridge.Results;
using SessionBridge.State;

namespace SessionBridge.Bridge;

internal sealed partial class PeerBridge
{
    /// <summary>How far back a thread is looked for: threads are conversations, not archives.</summary>
    public const int ThreadWindow = 10_000;

    /// <summary>
    /// A role's mailbox, newest last. <paramref name="unreadOnly"/> keeps only messages after the last one
    /// marked read; <paramref name="markRead"/> marks the newest returned message (and all before it) read.
    /// </summary>
    public MessagesResult Inbox(string? role, int? limit = null, bool unreadOnly = false, bool markRead = false)
    {
        var name = RoleName.Parse(role);
        var count = CheckRange(limit ?? DefaultLimit, "limit", 1, MaxLimit);
        var lastRead = State.Messages.LastReadId(name);
        var page = State.Messages.Inbox(name, count, unreadOnly ? lastRead : null);
        var unread = State.Messages.Inbox(name, MaxLimit, lastRead).Records.Count;
        if (markRead && page.Records.Count > 0)
        {
            EnsureState();
            State.Messages.MarkRead(name, page.Records[^1]);
            unread = State.Messages.Inbox(name, MaxLimit, page.Records[^1].Id).Records.Count;
        }

        return new MessagesResult(page.Records, page.SkippedCorruptLines, unread);
    }

    /// <summary>The messages of one thread: <paramref name="id"/> and every reply to it or to its replies, oldest first.</summary>
    public MessagesResult Thread(string? id, int? limit = null)
    {
        var root = MessageId.ParseOptional(id, "thread")
            ?? throw new BridgeException("'thread' is empty: give the id of a message (from history or inbox).");
        var count = CheckRange(limit ?? DefaultLimit, "limit", 1, MaxLimit);
        var window = State.Messages.History(ThreadWindow);
        var members = new HashSet<string>(StringComparer.Ordinal) { root };
        var thread = new List<MessageRecord>();
        foreach (var message in window.Records)
        {
            if (message.Id == root || (message.ReplyTo is { } parent && members.Contains(parent)))
            {
                members.Add(message.Id);
                thread.Add(message);
            }
        }

        if (thread.Count == 0)
        {
            throw new BridgeException(
                $"No message with id \"{root}\" among the last {ThreadWindow} messages. Check the id with history."
            );
        }

        return new MessagesResult(thread.TakeLast(count).ToList(), window.SkippedCorruptLines);
    }
}
