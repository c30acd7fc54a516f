using SessionBridge.Bridge.Results;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>history, inbox and threads: the logs, read from the end, never whole.</summary>
internal sealed class MessageReading(BridgeOptions options, StateStore state)
{
    public async Task<MessagesResult> HistoryAsync(int? limit, string? role, CancellationToken cancellationToken)
    {
        var count = Count(limit);
        RoleName? filter = role is null ? null : RoleName.Parse(role);
        var page = await state.Messages.HistoryAsync(count, filter, cancellationToken);
        var note = filter is { } asked && page.Records.Count == 0 ? await UnknownAsync(asked, "from or to", cancellationToken) : null;
        return new MessagesResult(page.Records, page.SkippedCorruptLines, Note: note, Team: state.Directory.Team);
    }

    /// <summary>
    /// A role's mailbox, newest last. <paramref name="unreadOnly"/> keeps only messages after the last one
    /// marked read; <paramref name="markRead"/> marks the newest returned message (and all before it) read.
    /// </summary>
    public async Task<MessagesResult> InboxAsync(string? role, int? limit, bool unreadOnly, bool markRead, CancellationToken cancellationToken)
    {
        var name = RoleName.Parse(role);
        var count = Count(limit);
        var lastRead = await state.Messages.LastReadIdAsync(name, cancellationToken);
        var page = await state.Messages.InboxAsync(name, count, unreadOnly ? lastRead : null, cancellationToken);
        var unread = (await state.Messages.InboxAsync(name, Limits.MaxMessages, lastRead, cancellationToken)).Records.Count;
        if (markRead && page.Records.Count > 0)
        {
            options.State.EnsureCreated();
            await state.Messages.MarkReadAsync(name, page.Records[^1], cancellationToken);
            unread = (await state.Messages.InboxAsync(name, Limits.MaxMessages, page.Records[^1].Id, cancellationToken)).Records.Count;
        }

        var note = page.Records.Count == 0 && unread == 0 && lastRead is null ? await UnknownAsync(name, "to", cancellationToken) : null;
        return new MessagesResult(page.Records, page.SkippedCorruptLines, unread, note);
    }

    // A role with no messages that nobody registered: most likely a typo, so name the roles there are.
    private async Task<string?> UnknownAsync(RoleName role, string direction, CancellationToken cancellationToken)
    {
        if (await state.Registry.FindAsync(role, cancellationToken) is not null)
            return null;
        var known = (await state.Registry.AllAsync(cancellationToken)).Select(p => p.Role).ToList();
        var roles = known.Count == 0 ? "no role is registered yet" : $"registered: {string.Join(", ", known)}";
        return $"No role \"{role}\" is registered and no message was sent {direction} it ({roles}).";
    }

    /// <summary>The messages of one thread: <paramref name="id"/> and every reply to it or to its replies, oldest first.</summary>
    public async Task<MessagesResult> ThreadAsync(string? id, int? limit, CancellationToken cancellationToken)
    {
        var root =
            MessageId.ParseOptional(id, "thread")
            ?? throw new BridgeException("{arg:thread} is empty: give the id of a message (from history or inbox).");
        var count = Count(limit);
        var window = await state.Messages.HistoryAsync(Limits.ThreadWindow, null, cancellationToken);
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

    /// <summary>Where the thread ends now: <see cref="SinceAsync"/> from here returns only what comes after.</summary>
    public Task<long> EndAsync(CancellationToken cancellationToken) => state.Messages.ConversationLengthAsync(cancellationToken);

    /// <summary>The messages appended to the thread since <paramref name="position"/>, and the new end (for tail -f).</summary>
    public Task<(IReadOnlyList<MessageRecord> Messages, long Position)> SinceAsync(long position, CancellationToken cancellationToken) =>
        state.Messages.ConversationSinceAsync(position, cancellationToken);

    private static int Count(int? limit) =>
        Arguments.InRange(limit ?? Limits.DefaultMessages, "limit", Limits.MinMessages, Limits.MaxMessages);
}
