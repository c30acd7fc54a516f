using System.Collections.Concurrent;
using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace SessionBridge.State.Nats;

/// <summary>
/// The one door to NATS: a connection to the team's servers, owned by the composition root that opened the store
/// (the server, the hook's run, a command) and closed with it, with the JetStream and key-value contexts, the team's
/// names for buckets, streams and subjects, and calls that fail within <see cref="CallTimeout"/> naming the servers.
/// The client reconnects by itself: when the server is back, the next call works, with no restart.
/// </summary>
internal sealed class NatsTeam : IAsyncDisposable
{
    /// <summary>
    /// A call to the store that takes longer fails, saying so: nothing waits on a store that is gone. The whole call,
    /// connecting and opening its bucket included, and under 5 s, so a dead store is told well within a tool call.
    /// </summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(4.5);

    /// <summary>
    /// How long a process's first connection may take. Not part of a call's limit: a dead server refuses at once (the
    /// first connect is not retried), while a live one on a loaded machine can take seconds to greet a new process.
    /// </summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long a call to a store that is connected, but slow to answer, is waited for.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    // Buckets made or found once per connection (so once per team and process: a process opens one connection).
    private readonly ConcurrentDictionary<string, Lazy<Task<INatsKVStore>>> _buckets = new(StringComparer.Ordinal);

    public NatsTeam(NatsSettings settings)
    {
        Settings = settings;
        Connection = new NatsConnection(
            NatsOpts.Default with
            {
                Url = string.Join(",", settings.Servers.Select(s => s.ToString().TrimEnd('/'))),
                Name = $"session-bridge {settings.Host}",
                AuthOpts = NatsAuthOpts.Default with
                {
                    Username = settings.User,
                    Password = settings.Password,
                    Token = settings.Token,
                    CredsFile = settings.CredsFile,
                },
                TlsOpts = settings.CaFile is { } ca ? NatsTlsOpts.Default with { CaFile = ca, Mode = TlsMode.Require } : NatsTlsOpts.Default,
                ConnectTimeout = ConnectTimeout,
                RequestTimeout = BusyTimeout,
                CommandTimeout = BusyTimeout,
                // Back within seconds of the server: a restarted server is used again well inside 10 s.
                ReconnectWaitMin = TimeSpan.FromMilliseconds(200),
                ReconnectWaitMax = TimeSpan.FromSeconds(2),
                MaxReconnectRetry = -1,
                RetryOnInitialConnect = false,
            }
        );
        JetStream = new NatsJSContext(Connection);
        KeyValue = new NatsKVContext(JetStream);
    }

    public NatsSettings Settings { get; }

    // The streams this connection has made or found: a store used again (the board's every refresh) costs no second round trip.
    private readonly ConcurrentDictionary<string, bool> _streams = new(StringComparer.Ordinal);

    /// <summary>Whether the stream <paramref name="name"/> was made or found on this connection.</summary>
    public bool HasStream(string name) => _streams.ContainsKey(name);

    /// <summary>Records that the stream <paramref name="name"/> is there: later calls need not ask again.</summary>
    public void FoundStream(string name) => _streams.TryAdd(name, true);

    public NatsConnection Connection { get; }

    public INatsJSContext JetStream { get; }

    public INatsKVContext KeyValue { get; }

    /// <summary>The team's name for a bucket or stream: <c>sb_&lt;team&gt;_&lt;name&gt;</c>, apart from other teams'.</summary>
    public string Name(string name) => $"sb_{Settings.Team}_{name}";

    /// <summary>The team's subject: <c>sb.&lt;team&gt;.&lt;parts&gt;</c>.</summary>
    public string Subject(params string[] parts) => $"sb.{Settings.Team}." + string.Join('.', parts);

    /// <summary>
    /// The team's bucket <paramref name="name"/>, made on first use with <paramref name="configure"/>. Inside a
    /// <see cref="CallAsync{T}"/>: its wait is the call's.
    /// </summary>
    public async Task<INatsKVStore> BucketAsync(
        string name,
        Func<NatsKVConfig, NatsKVConfig>? configure,
        CancellationToken cancellationToken
    )
    {
        var bucket = _buckets.GetOrAdd(
            name,
            n => new Lazy<Task<INatsKVStore>>(async () =>
            {
                var config = new NatsKVConfig(Name(n)) { History = 1, Storage = NatsKVStorageType.File };
                if (configure is not null)
                    config = configure(config);
                // Not the first caller's token: a caller that gives up must not fail the next one's wait.
                return await KeyValue.CreateOrUpdateStoreAsync(config, CancellationToken.None);
            })
        );
        try
        {
            return await bucket.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (bucket.Value.IsFaulted || bucket.Value.IsCanceled)
        {
            // A finished task keeps its exception: forget it, so the same store works again once the server answers.
            _buckets.TryRemove(new KeyValuePair<string, Lazy<Task<INatsKVStore>>>(name, bucket));
            throw;
        }
    }

    /// <inheritdoc cref="BucketAsync"/>
    public Task<INatsKVStore> BucketAsync(string name, CancellationToken cancellationToken) => BucketAsync(name, null, cancellationToken);

    /// <inheritdoc cref="CallAsync{T}"/>
    public Task CallAsync(string what, Func<CancellationToken, ValueTask> call, CancellationToken cancellationToken) =>
        CallAsync(
            what,
            async token =>
            {
                await call(token);
                return true;
            },
            cancellationToken
        );

    /// <summary>
    /// Runs <paramref name="call"/> to the store and waits for it, or until <paramref name="cancellationToken"/> is
    /// cancelled. A store that is not connected (its server went away) fails after <see cref="CallTimeout"/>; one that is
    /// connected but slow to answer (a loaded machine) is waited for up to <see cref="BusyTimeout"/>.
    /// </summary>
    /// <exception cref="StateException">The store did not answer in time, or refused.</exception>
    public async Task<T> CallAsync<T>(string what, Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // What the message names: the time actually waited, which is up to BusyTimeout for a store that is only slow.
        var started = Environment.TickCount64;
        try
        {
            // The first connection has its own limit (a dead server refuses at once; the first connect is not retried).
            if (Connection.ConnectionState is NatsConnectionState.Closed or NatsConnectionState.Connecting)
            {
                timeout.CancelAfter(ConnectTimeout);
                await Connection.ConnectAsync().AsTask().WaitAsync(timeout.Token);
                timeout.CancelAfter(Timeout.InfiniteTimeSpan);
            }

            var work = call(timeout.Token).AsTask();
            started = Environment.TickCount64;
            while (true)
            {
                await Task.WhenAny(work, Task.Delay(CallTimeout, cancellationToken));
                if (work.IsCompleted)
                    return await work;
                cancellationToken.ThrowIfCancellationRequested();
                // No answer yet: connected means slow, not connected means down, and down fails within the call limit.
                if (Connection.ConnectionState != NatsConnectionState.Open || Environment.TickCount64 - started >= BusyTimeout.TotalMilliseconds)
                {
                    await timeout.CancelAsync();
                    _ = work.ContinueWith(t => t.Exception, TaskScheduler.Default);
                    throw Unreachable(what, $"no answer within {Waited(started)}");
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(what, $"no connection within {Waited(started)}");
        }
        catch (NatsException e) when (e is not NatsKVException)
        {
            var failure = NatsFailure.Classify(e);
            throw failure.Kind switch
            {
                NatsFailureKind.Untrusted => Untrusted(what, failure.Why),
                NatsFailureKind.Refused => Refused(what, failure.Why),
                _ => Unreachable(what, failure.Why),
            };
        }
    }

    private static string Waited(long started) =>
        string.Create(CultureInfo.InvariantCulture, $"{(Environment.TickCount64 - started) / 1000.0:0.#} s");

    /// <summary>Closes the connection: whoever opened the store closes it once it is done.</summary>
    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private StateException Untrusted(string what, string why) =>
        new(
            $"The TLS connection to the NATS server at {Settings.Describe()} failed while {what} ({why}). "
                + $"Set {NatsSettings.CaVariable} to the CA certificate (PEM) that signed the server's"
                + (Settings.CaFile is { } ca ? $" ({ca} is given: is it that CA?)" : "")
                + ", and check that the server has TLS on.",
            StateOrigin.Nats(Settings.Describe())
        );

    private StateException Refused(string what, string why) =>
        new(
            $"The NATS server at {Settings.Describe()} refused this machine's credentials (or their rights to the team's buckets) while {what} ({why}). "
                + $"Give the team's user and password (nats://user:password@host:4222) or token in {NatsSettings.ServersVariable}, "
                + $"or set {NatsSettings.CredsVariable} to the team's .creds file.",
            StateOrigin.Nats(Settings.Describe())
        );

    private StateException Unreachable(string what, string why) =>
        new(
            $"The team's shared state on NATS at {Settings.Describe()} could not be reached while {what}: {why}. "
                + $"Check that nats-server runs there with JetStream (-js), and {NatsSettings.ServersVariable}; "
                + "calls work again as soon as it answers.",
            StateOrigin.Nats(Settings.Describe())
        );
}
