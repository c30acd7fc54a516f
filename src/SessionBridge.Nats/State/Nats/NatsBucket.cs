using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;

namespace SessionBridge.State.Nats;

/// <summary>
/// One team bucket of JSON documents, one per key (a role, a request id): what the NATS store's parts share. Every
/// read-modify-write is a compare-and-set on the key's revision (a create when the key is absent or deleted),
/// retried on conflict, so two processes on two hosts racing never lose an update and a claim is won once.
/// Every call goes through <see cref="NatsTeam.CallAsync{T}"/>: it fails within its time, naming the servers.
/// </summary>
/// <param name="name">The bucket's name within the team (<see cref="NatsTeam.BucketAsync(string, CancellationToken)"/>).</param>
/// <param name="what">What the bucket holds, in words for a message ("every role's registration").</param>
/// <param name="skipUnreadable">
/// True: a value that does not parse reads as absent (the request files do the same); false: it is a
/// <see cref="StateException"/> naming the key.
/// </param>
internal sealed class NatsBucket<T>(NatsTeam team, string name, JsonTypeInfo<T> type, string what, bool skipUnreadable = false)
    where T : class
{
    // A server's max_payload is 1 MB unless configured; headers count too, so keep a margin below what it says.
    private const int HeaderMargin = 1024;
    private const int DefaultMaxPayload = 1024 * 1024;

    private static readonly NatsRawSerializer<byte[]> Bytes = NatsRawSerializer<byte[]>.Default;

    /// <summary>
    /// Whether <paramref name="key"/> may name a key: what NATS allows (letters, digits, '-', '_', '=', '/', '.'; no
    /// '.' at either end). Role names and request ids always are; anything else is refused before the network.
    /// </summary>
    public static bool IsKey(string key) =>
        key.Length is > 0 and <= 256
        && key[0] != '.'
        && key[^1] != '.'
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=' or '/' or '.');

    /// <summary>The bucket's full name on the server, for messages.</summary>
    public string FullName => team.Name(name);

    public Task<T?> FindAsync(string key, CancellationToken cancellationToken)
    {
        CheckKey(key);
        return team.CallAsync(
            $"reading {what}",
            async token => (await ReadAsync(await team.BucketAsync(name, token), key, token)).Value,
            cancellationToken
        );
    }

    /// <summary>Every value in the bucket, in no set order (one ordered consumer over the latest value of each key).</summary>
    public Task<IReadOnlyList<T>> AllAsync(CancellationToken cancellationToken) =>
        team.CallAsync<IReadOnlyList<T>>(
            $"reading {what}",
            async token =>
            {
                var store = await team.BucketAsync(name, token);
                var values = new List<T>();
                var options = new NatsKVWatchOpts { OnNoData = _ => ValueTask.FromResult(true) };
                await foreach (var entry in store.WatchAsync(Bytes, options, token))
                {
                    if (entry.Operation == NatsKVOperation.Put && Parse(entry.Key, entry.Value) is { } value)
                        values.Add(value);
                    if (entry.Delta == 0)
                        break;
                }

                return values;
            },
            cancellationToken
        );

    /// <summary>Writes <paramref name="value"/> under <paramref name="key"/> whatever was there (the last writer wins).</summary>
    public Task PutAsync(string key, T value, CancellationToken cancellationToken)
    {
        CheckKey(key);
        var bytes = Serialize(key, value);
        return team.CallAsync(
            $"writing {what}",
            async token => await (await team.BucketAsync(name, token)).PutAsync(key, bytes, Bytes, token),
            cancellationToken
        );
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the key's value (null when absent) and writes what it makes of it, by
    /// compare-and-set: when another process changed the key in between, it reads again and applies
    /// <paramref name="change"/> again. So <paramref name="change"/> may run more than once and must only compute.
    /// Returns the result of the run that was written (or that wrote nothing).
    /// </summary>
    public Task<TResult> ChangeAsync<TResult>(string key, Func<T?, (NatsEdit<T> Edit, TResult Outcome)> change, CancellationToken cancellationToken)
    {
        CheckKey(key);
        return team.CallAsync(
            $"changing {what}",
            async token =>
            {
                var store = await team.BucketAsync(name, token);
                while (true)
                {
                    var (current, revision) = await ReadAsync(store, key, token);
                    var (edit, result) = change(current);
                    if (!edit.Changes || (edit.Value is null && current is null))
                        return result;
                    try
                    {
                        if (edit.Value is { } next)
                            await store.UpdateAsync(key, Serialize(key, next), revision, Bytes, token);
                        else
                            await store.DeleteAsync(key, new NatsKVDeleteOpts { Revision = revision }, token);
                        return result;
                    }
                    catch (NatsKVWrongLastRevisionException)
                    {
                        // Another process changed the key since it was read: read it again and redo the change.
                    }
                }
            },
            cancellationToken
        );
    }

    private void CheckKey(string key)
    {
        if (!IsKey(key))
            throw new StateException($"\"{key}\" cannot name an entry of {what} in {FullName}: a key is letters, digits, '-' and '_'.", StateOrigin.Nats(FullName));
    }

    /// <summary>
    /// Drops the markers that deleted keys leave (a bucket keeps one per key ever deleted, and a full read walks them),
    /// for keys deleted more than <paramref name="olderThan"/> ago. Only for keys that are never used again (request ids).
    /// </summary>
    public Task ForgetDeletedAsync(TimeSpan olderThan, CancellationToken cancellationToken) =>
        team.CallAsync(
            $"tidying {what}",
            async token =>
                await (await team.BucketAsync(name, token)).PurgeDeletesAsync(new NatsKVPurgeOpts { DeleteMarkersThreshold = olderThan }, token),
            cancellationToken
        );

    /// <summary>The key's value and revision: (null, 0) when it never existed, (null, the deletion's revision) when deleted.</summary>
    private async ValueTask<(T? Value, ulong Revision)> ReadAsync(INatsKVStore store, string key, CancellationToken token)
    {
        try
        {
            var entry = await store.GetEntryAsync(key, serializer: Bytes, cancellationToken: token);
            return (Parse(key, entry.Value), entry.Revision);
        }
        catch (NatsKVKeyNotFoundException)
        {
            return (null, 0);
        }
        catch (NatsKVKeyDeletedException e)
        {
            return (null, e.Revision);
        }
    }

    private T? Parse(string key, byte[]? bytes)
    {
        try
        {
            return bytes is { Length: > 0 } ? JsonSerializer.Deserialize(bytes, type) : null;
        }
        catch (JsonException) when (skipUnreadable)
        {
            return null;
        }
        catch (JsonException e)
        {
            throw new StateException(
                $"The value of \"{key}\" in the bucket {FullName} ({what}) is not valid JSON: {e.Message}. "
                    + $"Remove it (nats kv del {FullName} {key}) and write it again.",
                StateOrigin.Nats(FullName),
                e
            );
        }
    }

    private byte[] Serialize(string key, T value)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type);
        var limit = (team.Connection.ServerInfo?.MaxPayload is { } max and > 0 ? max : DefaultMaxPayload) - HeaderMargin;
        if (bytes.Length > limit)
        {
            throw new StateException(
                $"\"{key}\" in {what} takes {bytes.Length:N0} bytes, more than the {limit:N0} one NATS message may carry on "
                    + $"{team.Settings.Describe()}. Make it shorter, or raise max_payload in the nats-server configuration.",
                StateOrigin.Nats(FullName)
            );
        }

        return bytes;
    }
}
