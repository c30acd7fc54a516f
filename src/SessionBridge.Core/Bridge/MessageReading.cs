using SessionBridge.Bridge.Results;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>history, inbox and threads: the logs, read from the end, never whole.</summary>
internal sealed class MessageReading(BridgeOptions options, StateStore state)
{
    public MessagesResult History(int? limit = null, string? role = null)
    {
        var count = Count(limit);
        RoleName? filter = role is null ? null : RoleName.Parse(role);
        var page = state.Messages.History(count, filter);
        var note = filter is { } asked && page.Records.Count == 0 ? Unknown(asked, "from or to") : null;
        return new MessagesResult(page.Records, page.SkippedCorruptLines, Note: note);
    }

    /// <summary>
    /// A role's mailbox, newest last. <paramref name="unreadOnly"/> keeps only messages after the last one
    /// marked read; <paramref name="markRead"/> marks the newest returned message (and all before it) read.
    /// </summary>
    public MessagesResult Inbox(string? role, int? limit = null, bool unreadOnly = false, bool markRead = false)
    {
        var name = RoleName.Parse(role);
        var count = Count(limit);
        var lastRead = state.Messages.LastReadId(name);
        var page = state.Messages.Inbox(name, count, unreadOnly ? lastRead : null);
        var unread = state.Messages.Inbox(name, Limits.MaxMessages, lastRead).Records.Count;
        if (markRead && page.Records.Count > 0)
        {
            options.State.EnsureCreated();
            state.Messages.MarkRead(name, page.Records[^1]);
            unread = state.Messages.Inbox(name, Limits.MaxMessages, page.Records[^1].Id).Records.Count;
        }

        var note = page.Records.Count == 0 && unread == 0 && lastRead is null ? Unknown(name, "to") : null;
        return new MessagesResult(page.Records, page.SkippedCorruptLines, unread, note);
    }

    // A role with no messages that nobody registered: most likely a typo, so name the roles there are.
    private string? Unknown(RoleName role, string direction)
    {
        if (state.Registry.Find(role) is not null)
            return null;
        var known = state.Registry.All().Select(p => p.Role).ToList();
        var roles = known.Count == 0 ? "no role is registered yet" : $"registered: {string.Join(", ", known)}";
        return $"No role \"{role}\" is registered and no message was sent {direction} it ({roles}).";
    }

    /// <summary>The messages of one thread: <paramref name="id"/> and every reply to it or to its replies, oldest first.</summary>
    public MessagesResult Thread(string? id, int? limit = null)
    {
        var root =
            MessageId.ParseOptional(id, "thread")
            ?? throw new BridgeException("{arg:thread} is empty: give the id of a message (from history or inbox).");
        var count = Count(limit);
        var window = state.Messages.History(Limits.ThreadWindow);
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
                $"No message with id \"{root}\" among the last {Limits.ThreadWindow} messages. Check the id with "
                    + "{cmd:history}."
            );
        }

        return new MessagesResult(thread.TakeLast(count).ToList(), window.SkippedCorruptLines);
    }

    /// <summary>Where the thread ends now: <see cref="Since"/> from here returns only what comes after.</summary>
    public long End() => state.Messages.ConversationLength;

    /// <summary>The messages appended to the thread since <paramref name="position"/>, and the new end (for tail -f).</summary>
    public (IReadOnlyList<MessageRecord> Messages, long Position) Since(long position) =>
        state.Messages.ConversationSince(position);

    private static int Count(int? limit) =>
        Arguments.InRange(limit ?? Limits.DefaultMessages, "limit", Limits.MinMessages, Limits.MaxMessages);
}
