using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;

namespace SessionBridge.State.Nats;

/// <summary>
/// The team's hosts on NATS: a request to a host is a NATS request on <c>sb.&lt;team&gt;.host.&lt;host&gt;.&lt;operation&gt;</c>,
/// answered by one of that host's servers (they share one queue group per host); heartbeats are keys of the bucket
/// <c>hosts</c> (a time in the value), presence the keys of <c>presence</c>.
/// </summary>
internal sealed class NatsHostLink(NatsTeam team) : IHostLink
{
    /// <summary>The bucket of the hosts' heartbeats: one key per host.</summary>
    public const string HostsBucket = "hosts";

    /// <summary>The bucket of the hosts' panes' presence: a key <c>&lt;host&gt;.&lt;pane file&gt;</c> per pane.</summary>
    public const string PresenceBucket = "presence";

    // How long a server that lost the store waits before it subscribes or watches again.
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    public string Host => team.Settings.Host;

    // The buckets whose entries the hooks must not miss, and the local hint each sets.
    private static readonly Dictionary<string, string> HintOf = new(StringComparer.Ordinal)
    {
        ["held"] = NatsHints.Held,
        [NatsSupervisionBook.BucketName] = NatsHints.Supervision,
        [NatsRequestStore.BucketName] = NatsHints.Requests,
    };

    public IReadOnlyList<string> HookBuckets { get; } = [.. HintOf.Keys];

    public IReadOnlyList<string> TeamBuckets { get; } =
        [NatsRegistry.BucketName, PresenceBucket, "held", NatsSupervisionBook.BucketName, NatsRequestStore.BucketName];

    public void Hint(StateDirectory directory, string bucket) => NatsHints.Set(directory, HintOf[bucket]);

    public async Task<HostReply> RequestAsync(
        string host,
        string operation,
        byte[] payload,
        TimeSpan timeout,
        CancellationToken cancellationToken
    )
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var reply = await team.Connection.RequestAsync<byte[], byte[]>(
                team.Subject("host", host, operation),
                payload,
                replyOpts: new NatsSubOpts { Timeout = timeout },
                cancellationToken: limit.Token
            );
            if (reply.HasNoResponders)
                return NoServer(host);
            return new HostReply(reply.Data ?? [], null);
        }
        catch (NatsNoRespondersException)
        {
            return NoServer(host);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HostReply.Unreachable($"no session-bridge server of host {host} answered within {timeout.TotalSeconds:0.#} s");
        }
        catch (NatsException e)
        {
            // No reply in time surfaces here too, as do a lost connection and a server that refused the request.
            return HostReply.Unreachable($"host {host} could not be asked through NATS at {team.Settings.Describe()}: {e.Message}");
        }
    }

    private static HostReply NoServer(string host) =>
        HostReply.Unreachable($"no session-bridge server runs on host {host} (none listens for its panes)");

    public async Task ServeAsync(Func<string, byte[], CancellationToken, Task<byte[]>> answer, CancellationToken cancellationToken)
    {
        var subject = team.Subject("host", Host, "*");
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // One queue group per host: several servers on one host share the work, and exactly one answers each request.
                await foreach (
                    var message in team.Connection.SubscribeAsync<byte[]>(subject, queueGroup: team.Name("host_" + Host), cancellationToken: cancellationToken)
                )
                {
                    var operation = message.Subject[(message.Subject.LastIndexOf('.') + 1)..];
                    var request = message;
                    // Each request on its own: a long wait_for must not hold up a send.
                    _ = Task.Run(
                        async () =>
                        {
                            try
                            {
                                var reply = await answer(operation, request.Data ?? [], cancellationToken);
                                await request.ReplyAsync(reply, cancellationToken: cancellationToken);
                            }
                            catch (Exception e) when (e is NatsException or OperationCanceledException)
                            {
                                // This server is stopping, the asker gave up or the store went away: nobody is left to tell.
                            }
                        },
                        CancellationToken.None
                    );
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NatsException or OperationCanceledException or TimeoutException)
            {
                await Pause(cancellationToken);
            }
        }
    }

    public Task BeatAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var beat = JsonSerializer.SerializeToUtf8Bytes(new HostBeat(now, Environment.ProcessId), StateJsonContext.Default.HostBeat);
        return team.CallAsync(
            $"telling the team that host {Host} is up",
            async token => await (await team.BucketAsync(HostsBucket, token)).PutAsync(Host, beat, cancellationToken: token),
            cancellationToken
        );
    }

    public async Task<DateTimeOffset?> LastBeatAsync(string host, CancellationToken cancellationToken)
    {
        var entry = await team.CallAsync(
            $"reading host {host}'s heartbeat",
            async token => await (await team.BucketAsync(HostsBucket, token)).TryGetEntryAsync<byte[]>(host, cancellationToken: token),
            cancellationToken
        );
        if (!entry.Success || entry.Value.Value is not { Length: > 0 } value)
            return null;
        try
        {
            return JsonSerializer.Deserialize(value, StateJsonContext.Default.HostBeat)?.At;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public Task WatchAsync(IReadOnlyList<string> buckets, Action<string> written, CancellationToken cancellationToken) =>
        Task.WhenAll(buckets.Select(bucket => WatchOneAsync(bucket, written, cancellationToken)));

    private async Task WatchOneAsync(string bucket, Action<string> written, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // Opened, never made here: the part that owns the bucket makes it with its own settings.
                var store = await team.KeyValue.GetStoreAsync(team.Name(bucket), cancellationToken);
                await foreach (
                    var entry in store.WatchAsync<byte[]>(
                        opts: new NatsKVWatchOpts { MetaOnly = true, IgnoreDeletes = true },
                        cancellationToken: cancellationToken
                    )
                )
                {
                    if (entry.Operation == NatsKVOperation.Put)
                        written(bucket);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NatsException or OperationCanceledException or TimeoutException)
            {
                // Not made yet (nobody wrote one), or the store is away: look again.
                await Pause(cancellationToken);
            }
        }
    }

    public async Task PublishPresenceAsync(StateDirectory directory, TimeSpan sweep, CancellationToken cancellationToken)
    {
        var published = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        var changed = new SemaphoreSlim(0);
        using var watcher = WatchPresence(directory, changed);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PublishChangedAsync(directory, published, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NatsException or OperationCanceledException or IOException or UnauthorizedAccessException)
            {
                // The store or a file is away for now: the next change or sweep publishes it.
            }

            try
            {
                await changed.WaitAsync(sweep, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static FileSystemWatcher? WatchPresence(StateDirectory directory, SemaphoreSlim changed)
    {
        try
        {
            Directory.CreateDirectory(directory.PresenceDirectory, FileModes.PrivateDirectory);
            var watcher = new FileSystemWatcher(directory.PresenceDirectory, "*.json")
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite,
            };
            watcher.Changed += (_, _) => changed.Release();
            watcher.Created += (_, _) => changed.Release();
            watcher.Renamed += (_, _) => changed.Release();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Out of inotify watches: the sweep still publishes, later.
            return null;
        }
    }

    private async Task PublishChangedAsync(StateDirectory directory, Dictionary<string, DateTime> published, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory.PresenceDirectory))
            return;
        var bucket = await team.CallAsync(
            $"opening the bucket {team.Name(PresenceBucket)}",
            async token => await team.BucketAsync(PresenceBucket, token),
            cancellationToken
        );
        foreach (var file in Directory.EnumerateFiles(directory.PresenceDirectory, "*.json"))
        {
            var written = File.GetLastWriteTimeUtc(file);
            if (published.TryGetValue(file, out var last) && last == written)
                continue;
            // A key holds letters, digits, '-', '_', '/', '=' and '.': a pane file's name is made of those once its '%' goes.
            var name = new string(Path.GetFileNameWithoutExtension(file).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
            var presence = await File.ReadAllBytesAsync(file, cancellationToken);
            await CallAsync(bucket.PutAsync($"{Host}.{name}", presence, cancellationToken: cancellationToken));
            published[file] = written;
        }
    }

    private static async Task CallAsync(ValueTask<ulong> put) => await put;

    private static async Task Pause(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Retry, cancellationToken);
        }
        catch (OperationCanceledException) { }
    }
}
