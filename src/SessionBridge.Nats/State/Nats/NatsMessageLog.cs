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

    public async Task<long> ConversationLengthAsync(CancellationToken cancellationToken) => (long)await _stream.LastSequenceAsync(cancellationToken);

    /// <remarks>Status lines (a held message's later delivery) are left out: a follower shows messages as they are sent.</remarks>
    public async Task<(IReadOnlyList<MessageRecord> Messages, long Position)> ConversationSinceAsync(long position, CancellationToken cancellationToken)
    {
        var (lines, next) = await _stream.ForwardAsync((ulong)Math.Max(position, 0), MaxFollowBatch, cancellationToken);
        return (lines.Where(l => !l.IsStatus).Select(l => l.ToMessage()).ToList(), (long)next);
    }

    /// <summary>
    /// Fails, saying what to do, when the stream cannot be reached, or when the message's line would not fit the
    /// server's largest payload: send checks this before it types.
    /// </summary>
    public async Task CheckRoomForAsync(RoleName to, string text, CancellationToken cancellationToken)
    {
        var max = await _stream.MaxPayloadAsync(cancellationToken);
        var line = LogLine.Of(new MessageRecord("", DateTimeOffset.MinValue, to.Value, to.Value, text, true, true));
        var needed = JsonSerializer.SerializeToUtf8Bytes(line, StateJsonContext.Files.LogLine).LongLength + LineOverhead;
        if (needed > max)
        {
            throw new StateException(
                $"The message is too large for the team's NATS server at {team.Settings.Describe()}: its line takes {needed:N0} "
                    + $"bytes and the server takes at most {max:N0} (its max_payload). Write the material to a file and send "
                    + "its path, or raise max_payload in the server's configuration.",
                StateOrigin.Nats(team.Settings.Describe())
            );
        }
    }

    public Task AppendAsync(MessageRecord message, CancellationToken cancellationToken) =>
        PublishAsync(RoleName.Trusted(message.To), LogLine.Of(message), cancellationToken);

    /// <summary>
    /// Runs <paramref name="step"/> holding <paramref name="role"/>'s mailbox lock across hosts; the lines it writes are
    /// published while the lock is held.
    /// </summary>
    public async Task<T> UnderMailboxLockAsync<T>(RoleName role, Func<Func<LogLine, Task>, Task<T>> step, CancellationToken cancellationToken)
    {
        await using var held = await NatsMailboxLock.AcquireAsync(team, role, lockTimeout, clock, cancellationToken);
        return await step(line => PublishAsync(role, line, cancellationToken));
    }

    public async Task<LogPage<MessageRecord>> HistoryAsync(int limit, RoleName? role, CancellationToken cancellationToken)
    {
        Func<MessageRecord, bool>? filter = role is { } r ? m => m.From == r.Value || m.To == r.Value : null;
        var fold = new StatusFold(clock.GetUtcNow());
        return fold.Apply(await LastAsync(_stream.BackwardsAsync(null, limit + 16, cancellationToken), limit, m => fold.Keep(m, filter)));
    }

    public async Task<LogPage<MessageRecord>> InboxAsync(RoleName role, int limit, string? after, CancellationToken cancellationToken)
    {
        var fold = new StatusFold(clock.GetUtcNow());
        return fold.Apply(
            await LastAsync(
                _stream.BackwardsAsync(role, limit + 16, cancellationToken),
                limit,
                m => fold.Keep(m, null),
                stopAt: after is null ? null : m => !m.IsStatus && m.Id == after
            )
        );
    }

    public async Task<MessageRecord?> FindAsync(RoleName role, string id, int window, CancellationToken cancellationToken) =>
        (await InboxAsync(role, window, null, cancellationToken)).Records.LastOrDefault(m => m.Id == id);

    public async Task<IReadOnlyList<MessageRecord>> SentSinceAsync(
        RoleName to,
        string from,
        DateTimeOffset since,
        int limit,
        Func<MessageRecord, bool> counts,
        CancellationToken cancellationToken
    ) =>
        (
            await LastAsync(
                _stream.BackwardsAsync(to, limit + 16, cancellationToken),
                limit,
                m => !m.IsStatus && m.From == from && counts(m.ToMessage()),
                stopAt: m => !m.IsStatus && m.Ts < since
            )
        )
            .Records.Select(m => m.ToMessage())
            .ToList();

    /// <summary>Every line of the stream, status lines too, in stream order: read forwards a batch at a time.</summary>
    public async IAsyncEnumerable<LogLine> LinesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = 0UL;
        while (true)
        {
            var (lines, next) = await _stream.ForwardAsync(position, MaxFollowBatch, cancellationToken);
            foreach (var line in lines)
                yield return line;
            if (next == position)
                yield break;
            position = next;
        }
    }

    public Task<string?> LastReadIdAsync(RoleName role, CancellationToken cancellationToken) =>
        team.CallAsync(
            $"reading {role}'s read mark",
            async token =>
            {
                var reads = await Reads(token);
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
            },
            cancellationToken
        );

    public Task MarkReadAsync(RoleName role, MessageRecord newest, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(new InboxCursor(newest.Id), StateJsonContext.Files.InboxCursor);
        return team.CallAsync(
            $"marking {role}'s messages read",
            async token => await (await Reads(token)).PutAsync(role.Value, data, Raw, token),
            cancellationToken
        );
    }

    private Task<INatsKVStore> Reads(CancellationToken cancellationToken) => team.BucketAsync("reads", cancellationToken);

    /// <summary>A line's id for the stream's duplicate check: a message's own id, a status line's id, status and time.</summary>
    private async Task PublishAsync(RoleName mailbox, LogLine line, CancellationToken cancellationToken)
    {
        var lineId = line.IsStatus ? $"{line.Id}.{line.Status}.{line.Ts.UtcTicks}" : line.Id;
        await _stream.PublishAsync(mailbox, line, lineId, cancellationToken);
    }

    /// <summary>The newest <paramref name="limit"/> lines (newest first in <paramref name="newestFirst"/>) that match, oldest first.</summary>
    private static async Task<LogPage<LogLine>> LastAsync(
        IAsyncEnumerable<LogLine> newestFirst,
        int limit,
        Func<LogLine, bool> filter,
        Func<LogLine, bool>? stopAt = null
    )
    {
        var kept = new List<LogLine>(Math.Min(Math.Max(limit, 0), 1024));
        if (limit <= 0)
            return new LogPage<LogLine>([], 0);
        await foreach (var line in newestFirst)
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
