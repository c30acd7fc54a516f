using System.Collections.Concurrent;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;

namespace SessionBridge.State.Nats;

/// <summary>
/// The team bucket <c>held</c>: one key per held message, <c>&lt;role&gt;.&lt;message id&gt;</c>, so a role's many held
/// messages never meet the server's payload limit. A role's messages are its keys in the order they were written
/// (oldest first). Changed only under the role's mailbox lock, and each removal is a delete at the revision this
/// process read: a message taken meanwhile by another host fails the step instead of being handed over twice.
/// <see cref="AnyAsync"/> stays off the network (the hook asks it on every event): it answers from this host's hint file.
/// </summary>
internal sealed class NatsHeldStore(NatsTeam team, StateDirectory directory) : IHeldStore
{
    private static readonly INatsSerializer<byte[]> Raw = NatsRawSerializer<byte[]>.Default;

    // The revision each held message was read at, by key: what a removal must still find.
    private readonly ConcurrentDictionary<string, ulong> _revisions = new(StringComparer.Ordinal);

    /// <summary>
    /// The hint: set when this host holds a message, cleared when a look at the team finds none held (after a role's
    /// last one is handed over, or when the roles are listed); the host agent mirrors other hosts' writes into it.
    /// </summary>
    public Task<bool> AnyAsync(CancellationToken cancellationToken) => Task.FromResult(NatsHints.Exists(directory, NatsHints.Held));

    public async Task<IReadOnlyList<RoleName>> RolesAsync(CancellationToken cancellationToken)
    {
        var roles = (await EntriesAsync(">", cancellationToken))
            .Select(e => e.Key.Split('.', 2)[0])
            .Where(RoleName.IsValid)
            .Distinct(StringComparer.Ordinal)
            .Select(RoleName.Trusted)
            .OrderBy(role => role.Value, StringComparer.Ordinal)
            .ToList();
        if (roles.Count == 0)
            await NatsHints.ClearUnlessFoundAsync(directory, NatsHints.Held, async () => (await EntriesAsync(">", cancellationToken)).Count > 0);

        return roles;
    }

    public async Task<IReadOnlyList<MessageRecord>> ReadAsync(RoleName role, CancellationToken cancellationToken)
    {
        var messages = new List<MessageRecord>();
        foreach (var (key, revision, data) in await EntriesAsync(role.Value + ".>", cancellationToken))
        {
            try
            {
                if (JsonSerializer.Deserialize(data, StateJsonContext.Files.MessageRecord) is { } message)
                {
                    _revisions[key] = revision;
                    messages.Add(message);
                }
            }
            catch (JsonException)
            {
                // Not a held message of ours: left out, as an unreadable held file is.
            }
        }

        return messages;
    }

    /// <summary>Makes the role's held messages the list: puts those not held yet, deletes those no longer in it.</summary>
    /// <exception cref="StateException">A message to remove was changed or taken meanwhile (by another host), or the store is unreachable.</exception>
    public async Task WriteAsync(RoleName role, IReadOnlyList<MessageRecord> messages, CancellationToken cancellationToken)
    {
        var entries = await EntriesAsync(role.Value + ".>", cancellationToken);
        var stored = entries.ToDictionary(e => e.Key, e => e.Revision, StringComparer.Ordinal);
        var values = entries.ToDictionary(e => e.Key, e => e.Data, StringComparer.Ordinal);
        var wanted = messages.ToDictionary(m => Key(role, m.Id), m => m, StringComparer.Ordinal);

        foreach (var (key, revision) in stored)
        {
            if (wanted.ContainsKey(key))
                continue;
            var expected = _revisions.TryGetValue(key, out var read) ? read : revision;
            try
            {
                await team.CallAsync(
                    $"taking held message {key}",
                    async token => await (await Bucket(token)).DeleteAsync(key, new NatsKVDeleteOpts { Revision = expected }, token),
                    cancellationToken
                );
            }
            catch (NatsKVWrongLastRevisionException)
            {
                throw new StateException(
                    $"The held message {key} in {team.Name("held")} was changed by another process while this one handed it "
                        + "over: it is left to that one, and nothing was handed over twice.",
                    StateOrigin.Nats(team.Name("held"))
                );
            }

            _revisions.TryRemove(key, out _);
        }

        foreach (var message in messages)
        {
            var key = Key(role, message.Id);
            var data = JsonSerializer.SerializeToUtf8Bytes(message, StateJsonContext.Files.MessageRecord);
            if (stored.TryGetValue(key, out var revision))
            {
                // A message still held but changed (handed over to a session, or waiting again): updated at the
                // revision read, so a change by another host meanwhile fails the step as a removal does.
                if (!values[key].AsSpan().SequenceEqual(data))
                    await UpdateAsync(key, data, _revisions.TryGetValue(key, out var read) ? read : revision, cancellationToken);
                continue;
            }

            _revisions[key] = await team.CallAsync(
                $"holding message {key}",
                async token => await (await Bucket(token)).PutAsync(key, data, Raw, token),
                cancellationToken
            );
            NatsHints.Set(directory, NatsHints.Held);
        }

        // The last of this role's went (a handover): if none is held anywhere now, the hook may stop looking.
        if (messages.Count == 0 && stored.Count > 0)
            await RolesAsync(cancellationToken);
    }

    private async Task UpdateAsync(string key, byte[] data, ulong expected, CancellationToken cancellationToken)
    {
        try
        {
            _revisions[key] = await team.CallAsync(
                $"changing held message {key}",
                async token => await (await Bucket(token)).UpdateAsync(key, data, expected, Raw, token),
                cancellationToken
            );
        }
        catch (NatsKVWrongLastRevisionException)
        {
            throw new StateException(
                $"The held message {key} in {team.Name("held")} was changed by another process while this one handed it "
                    + "over: it is left to that one, and nothing was handed over twice.",
                StateOrigin.Nats(team.Name("held"))
            );
        }
    }

    private Task<INatsKVStore> Bucket(CancellationToken cancellationToken) => team.BucketAsync("held", cancellationToken);

    private static string Key(RoleName role, string id) => $"{role.Value}.{id}";

    /// <summary>The live keys under <paramref name="filter"/> with their revision and value, in the order they were written.</summary>
    private Task<List<(string Key, ulong Revision, byte[] Data)>> EntriesAsync(string filter, CancellationToken cancellationToken) =>
        team.CallAsync(
            $"reading the held messages in {team.Name("held")}",
            async token =>
            {
                var bucket = await Bucket(token);
                var entries = new List<(string, ulong, byte[])>();
                var options = new NatsKVWatchOpts { IgnoreDeletes = false, OnNoData = _ => ValueTask.FromResult(true) };
                await foreach (var entry in bucket.WatchAsync(filter, Raw, options, token))
                {
                    if (entry.Operation == NatsKVOperation.Put && entry.Value is { Length: > 0 } data)
                        entries.Add((entry.Key, entry.Revision, data));
                    if (entry.Delta == 0)
                        break;
                }

                return entries;
            },
            cancellationToken
        );
}
