using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;

namespace SessionBridge.State.Nats;

/// <summary>
/// The conversation and the mailboxes on the team stream (<see cref="NatsMessageStream"/>): the same lines, read the
/// same way, as <see cref="MessageLog"/> writes to files. A position in the conversation is a stream sequence. Read
/// marks are the team bucket <c>reads</c> (a key per role); the mailbox lock is <see cref="NatsMailboxLock"/>.
/// </summary>
internal sealed class NatsMessageLog(NatsTeam team, TimeSpan lockTimeout, TimeProvider clock) : IMessageStore
{
    // Room for the fields around the text (ids, names, time, a reason) and the publish's headers.
    private const long LineOverhead = 8 * 1024;

    // At most this many lines per ConversationSince call: a follower calls again from the position returned.
    private const int MaxFollowBatch = 1_000;

    private static readonly INatsSerializer<byte[]> Raw = NatsRawSerializer<byte[]>.Default;

    private readonly NatsMessageStream _stream = new(team);

    public long ConversationLength => (long)_stream.LastSequence();

    /// <remarks>Status lines (a held message's later delivery) are left out: a follower shows messages as they are sent.</remarks>
    public (IReadOnlyList<MessageRecord> Messages, long Position) ConversationSince(long position)
    {
        var (lines, next) = _stream.Forward((ulong)Math.Max(position, 0), MaxFollowBatch);
        return (lines.Where(l => !l.IsStatus).Select(l => l.ToMessage()).ToList(), (long)next);
    }

    /// <summary>
    /// Fails, saying what to do, when the stream cannot be reached, or when the message's line would not fit the
    /// server's largest payload: send checks this before it types.
    /// </summary>
    public void CheckRoomFor(RoleName to, string text)
    {
        var max = _stream.MaxPayload();
        var line = LogLine.Of(new MessageRecord("", DateTimeOffset.MinValue, to.Value, to.Value, text, true, true));
        var needed = JsonSerializer.SerializeToUtf8Bytes(line, StateJsonContext.Files.LogLine).LongLength + LineOverhead;
        if (needed > max)
        {
            throw new StateException(
                $"The message is too large for the team's NATS server at {team.Settings.Describe()}: its line takes {needed:N0} "
                    + $"bytes and the server takes at most {max:N0} (its max_payload). Write the material to a file and send "
                    + "its path, or raise max_payload in the server's configuration.",
                NatsSettings.ServersVariable
            );
        }
    }

    public void Append(MessageRecord message) => Publish(RoleName.Trusted(message.To), LogLine.Of(message));

    /// <summary>
    /// Runs <paramref name="step"/> holding <paramref name="role"/>'s mailbox lock across hosts; the lines it writes are
    /// published while the lock is held.
    /// </summary>
    public T UnderMailboxLock<T>(RoleName role, Func<Action<LogLine>, T> step)
    {
        using var held = NatsMailboxLock.Acquire(team, role, lockTimeout);
        return step(line => Publish(role, line));
    }

    public LogPage<MessageRecord> History(int limit, RoleName? role = null)
    {
        Func<MessageRecord, bool>? filter = role is { } r ? m => m.From == r.Value || m.To == r.Value : null;
        var fold = new StatusFold(clock.GetUtcNow());
        return fold.Apply(Last(_stream.Backwards(null, limit + 16), limit, m => fold.Keep(m, filter)));
    }

    public LogPage<MessageRecord> Inbox(RoleName role, int limit, string? after = null)
    {
        var fold = new StatusFold(clock.GetUtcNow());
        return fold.Apply(
            Last(
                _stream.Backwards(role, limit + 16),
                limit,
                m => fold.Keep(m, null),
                stopAt: after is null ? null : m => !m.IsStatus && m.Id == after
            )
        );
    }

    public MessageRecord? Find(RoleName role, string id, int window) => Inbox(role, window).Records.LastOrDefault(m => m.Id == id);

    public IReadOnlyList<MessageRecord> SentSince(RoleName to, string from, DateTimeOffset since, int limit, Func<MessageRecord, bool> counts) =>
        Last(
                _stream.Backwards(to, limit + 16),
                limit,
                m => !m.IsStatus && m.From == from && counts(m.ToMessage()),
                stopAt: m => !m.IsStatus && m.Ts < since
            )
            .Records.Select(m => m.ToMessage())
            .ToList();

    /// <summary>Every line of the stream, status lines too, in stream order: read forwards a batch at a time.</summary>
    public IEnumerable<LogLine> Lines()
    {
        var position = 0UL;
        while (true)
        {
            var (lines, next) = _stream.Forward(position, MaxFollowBatch);
            foreach (var line in lines)
                yield return line;
            if (next == position)
                yield break;
            position = next;
        }
    }

    public string? LastReadId(RoleName role)
    {
        var reads = Reads();
        return team.Call(
            $"reading {role}'s read mark",
            async token =>
            {
                var entry = await reads.TryGetEntryAsync(role.Value, serializer: Raw, cancellationToken: token);
                if (!entry.Success || entry.Value.Value is not { Length: > 0 } data)
                    return null;
                try
                {
                    return JsonSerializer.Deserialize(data, StateJsonContext.Files.InboxCursor)?.LastReadId;
                }
                catch (JsonException)
                {
                    return null;
                }
            }
        );
    }

    public void MarkRead(RoleName role, MessageRecord newest)
    {
        var reads = Reads();
        var data = JsonSerializer.SerializeToUtf8Bytes(new InboxCursor(newest.Id), StateJsonContext.Files.InboxCursor);
        team.Call($"marking {role}'s messages read", token => reads.PutAsync(role.Value, data, Raw, token));
    }

    private INatsKVStore Reads() => team.Bucket("reads");

    /// <summary>A line's id for the stream's duplicate check: a message's own id, a status line's id, status and time.</summary>
    private void Publish(RoleName mailbox, LogLine line)
    {
        var lineId = line.IsStatus ? $"{line.Id}.{line.Status}.{line.Ts.UtcTicks}" : line.Id;
        _stream.Publish(mailbox, line, lineId);
    }

    /// <summary>The newest <paramref name="limit"/> lines (newest first in <paramref name="newestFirst"/>) that match, oldest first.</summary>
    private static LogPage<LogLine> Last(
        IEnumerable<LogLine> newestFirst,
        int limit,
        Func<LogLine, bool> filter,
        Func<LogLine, bool>? stopAt = null
    )
    {
        var kept = new List<LogLine>(Math.Min(Math.Max(limit, 0), 1024));
        if (limit <= 0)
            return new LogPage<LogLine>([], 0);
        foreach (var line in newestFirst)
        {
            if (stopAt is not null && stopAt(line))
                break;
            if (!filter(line))
                continue;
            kept.Add(line);
            if (kept.Count >= limit)
                break;
        }

        kept.Reverse();
        return new LogPage<LogLine>(kept, 0);
    }
}
