using SessionBridge.State;
using SessionBridge.State.Nats;

namespace SessionBridge.Tests.Store;

/// <summary>
/// The contract every store keeps: a contract class holds the specs, written once, and runs twice, as
/// <c>…OnFiles</c> (the state directory) and <c>…OnNats</c> (a real nats-server with JetStream on loopback, a team of
/// its own per spec). On NATS the specs skip, saying why, where nats-server is missing.
/// </summary>
public abstract class StoreContract(NatsServer? nats) : IAsyncDisposable
{
    private readonly List<TempDirectory> _folders = [];

    // Every store a spec opens is closed after it: on NATS each holds a connection to the class's server.
    private readonly List<StateStore> _stores = [];

    /// <summary>This spec's team: fresh buckets and streams, apart from every other spec's on the same server.</summary>
    private protected string Team { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    private protected bool OnNats => nats is not null;

    /// <summary>The spec's nats-server (on NATS only), for specs that stop and start it.</summary>
    private protected NatsServer Server => nats ?? throw new InvalidOperationException("a spec on files has no nats-server");

    /// <summary>
    /// A store as one process on <paramref name="host"/> opens it: on files, the same state directory for every
    /// host (one machine); on NATS, a local folder of the host's own and the team's shared buckets.
    /// </summary>
    private protected StateStore OpenStore(string host = "a", TimeProvider? clock = null)
    {
        var store = StateStore.Open(new StateDirectory(Folder(host)), TimeSpan.FromSeconds(10), clock ?? TimeProvider.System, Environment(host), new NatsBackend());
        _stores.Add(store);
        return store;
    }

    /// <summary>A file store in a folder of its own, whichever store the contract runs on: what a copy reads from or writes to.</summary>
    private protected StateStore FileStore()
    {
        var folder = new TempDirectory("files");
        _folders.Add(folder);
        var directory = new StateDirectory(folder.Path);
        directory.EnsureCreated();
        return new StateStore(directory, TimeSpan.FromSeconds(10), TimeProvider.System);
    }

    /// <summary>The variables a process on <paramref name="host"/> sees (null for the rest).</summary>
    private protected Func<string, string?> Environment(string host = "a")
    {
        if (nats is null)
            return _ => null;
        if (NatsServer.WhyUnavailable() is { } reason)
            Assert.Skip(reason);
        var variables = new Dictionary<string, string>
        {
            ["SESSION_BRIDGE_NATS"] = nats.UrlWithCredentials,
            ["SESSION_BRIDGE_TEAM"] = Team,
            ["SESSION_BRIDGE_HOST"] = host,
        };
        return name => variables.GetValueOrDefault(name);
    }

    private readonly Dictionary<string, string> _hostFolders = [];

    private string Folder(string host)
    {
        var key = nats is null ? "" : host;
        if (!_hostFolders.TryGetValue(key, out var path))
        {
            var folder = new TempDirectory("store");
            _folders.Add(folder);
            _hostFolders[key] = path = folder.Path;
        }

        return path;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
            await store.DisposeAsync();
        foreach (var folder in _folders)
            folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
