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
/// <see cref="Any"/> stays off the network (the hook asks it on every event): it answers from this host's hint file.
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
    public bool Any() => NatsHints.Exists(directory, NatsHints.Held);

    public IReadOnlyList<RoleName> Roles()
    {
        var roles = Entries(">")
            .Select(e => e.Key.Split('.', 2)[0])
            .Where(RoleName.IsValid)
            .Distinct(StringComparer.Ordinal)
            .Select(RoleName.Trusted)
            .OrderBy(role => role.Value, StringComparer.Ordinal)
            .ToList();
        if (roles.Count == 0)
            NatsHints.ClearUnlessFound(directory, NatsHints.Held, () => Entries(">").Count > 0);

        return roles;
    }

    public IReadOnlyList<MessageRecord> Read(RoleName role)
    {
        var messages = new List<MessageRecord>();
        foreach (var (key, revision, data) in Entries(role.Value + ".>"))
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
    public void Write(RoleName role, IReadOnlyList<MessageRecord> messages)
    {
        var bucket = Bucket();
        var stored = Entries(role.Value + ".>").ToDictionary(e => e.Key, e => e.Revision, StringComparer.Ordinal);
        var wanted = messages.ToDictionary(m => Key(role, m.Id), m => m, StringComparer.Ordinal);

        foreach (var (key, revision) in stored)
        {
            if (wanted.ContainsKey(key))
                continue;
            var expected = _revisions.TryGetValue(key, out var read) ? read : revision;
            try
            {
                team.Call($"taking held message {key}", token => bucket.DeleteAsync(key, new NatsKVDeleteOpts { Revision = expected }, token));
            }
            catch (NatsKVWrongLastRevisionException)
            {
                throw new StateException(
                    $"The held message {key} in {team.Name("held")} was changed by another process while this one handed it "
                        + "over: it is left to that one, and nothing was handed over twice.",
                    NatsSettings.ServersVariable
                );
            }

            _revisions.TryRemove(key, out _);
        }

        foreach (var message in messages)
        {
            var key = Key(role, message.Id);
            if (stored.ContainsKey(key))
                continue;
            var data = JsonSerializer.SerializeToUtf8Bytes(message, StateJsonContext.Files.MessageRecord);
            _revisions[key] = team.Call($"holding message {key}", token => bucket.PutAsync(key, data, Raw, token));
            NatsHints.Set(directory, NatsHints.Held);
        }

        // The last of this role's went (a handover): if none is held anywhere now, the hook may stop looking.
        if (messages.Count == 0 && stored.Count > 0)
            Roles();
    }

    private INatsKVStore Bucket() => team.Bucket("held");

    private static string Key(RoleName role, string id) => $"{role.Value}.{id}";

    /// <summary>The live keys under <paramref name="filter"/> with their revision and value, in the order they were written.</summary>
    private List<(string Key, ulong Revision, byte[] Data)> Entries(string filter)
    {
        var bucket = Bucket();
        return team.Call(
            $"reading the held messages in {team.Name("held")}",
            async token =>
            {
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
            }
        );
    }
}
