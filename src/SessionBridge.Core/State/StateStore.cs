namespace SessionBridge.State;

/// <summary>
/// Everything a team shares, behind one seam: the local files of the state directory (the default), or a NATS
/// JetStream account shared across machines. The server, the hook and the CLI all open it here. The directory is
/// always local: presence, pane locks and the hook's own files stay on the machine whose panes they describe.
/// Whoever opens a store disposes it: that closes what it opened (the NATS connection); the file store holds nothing.
/// </summary>
internal sealed class StateStore : IAsyncDisposable
{
    /// <summary>The file store: everything in <paramref name="directory"/>.</summary>
    /// <param name="clock">What "now" is when a read decides by age (a held message given up after a day).</param>
    public StateStore(StateDirectory directory, TimeSpan lockTimeout, TimeProvider clock)
        : this(
            directory,
            StateStoreKind.Files,
            directory.Root,
            new Registry(directory, lockTimeout),
            new PromptBook(directory, lockTimeout),
            new MessageLog(directory, lockTimeout, clock),
            new HeldStore(directory),
            new RoleSessions(directory, lockTimeout),
            new SupervisionBook(directory, lockTimeout),
            new RequestStore(directory, lockTimeout),
            (pane, mailbox, _) => Task.FromResult<IStateWatch>(StateWatch.For(directory, pane, mailbox))
        )
    { }

    /// <summary>A store made of the parts given (the NATS store, or a spec's).</summary>
    public StateStore(
        StateDirectory directory,
        StateStoreKind kind,
        string location,
        IRegistryStore registry,
        IPromptStore prompts,
        IMessageStore messages,
        IHeldStore held,
        IRoleSessionStore sessions,
        ISupervisionStore supervision,
        IRequestStore requests,
        Func<PaneIdentity?, RoleName?, CancellationToken, Task<IStateWatch>> watch,
        IHostLink? hosts = null,
        IAsyncDisposable? owned = null
    )
    {
        _owned = owned;
        Hosts = hosts;
        Directory = directory;
        Kind = kind;
        Location = location;
        Registry = registry;
        Prompts = prompts;
        Messages = messages;
        Held = held;
        Sessions = sessions;
        Supervision = supervision;
        Requests = requests;
        _watch = watch;
    }

    private readonly Func<PaneIdentity?, RoleName?, CancellationToken, Task<IStateWatch>> _watch;
    private readonly IAsyncDisposable? _owned;

    /// <summary>
    /// The store this process is configured for: the <paramref name="remote"/> store (NATS) when the environment
    /// configures it, else the files of <paramref name="directory"/>. Every front end opens its store here.
    /// </summary>
    /// <param name="remote">The shared store the program links in; null in the programs that carry no NATS client.</param>
    /// <exception cref="StateException">
    /// <c>SESSION_BRIDGE_NATS</c> is set in a program without the NATS store: the lean programs hand over to
    /// session-bridge-nats before they get here, so only a program missing its companion does.
    /// </exception>
    public static StateStore Open(
        StateDirectory directory,
        TimeSpan lockTimeout,
        TimeProvider clock,
        Func<string, string?>? getVariable = null,
        IRemoteStore? remote = null
    )
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        if (remote?.Open(directory, lockTimeout, clock, getVariable) is { } shared)
            return shared;
        if (remote is null && !string.IsNullOrWhiteSpace(getVariable(RemoteVariable)))
        {
            throw new StateException(
                $"{RemoteVariable} is set, but this program carries no NATS client: session-bridge-nats, beside it, does. "
                    + $"Reinstall with ./install.sh, or unset {RemoteVariable} to use the local files.",
                StateOrigin.Setting(RemoteVariable)
            );
        }

        return new StateStore(directory, lockTimeout, clock);
    }

    /// <summary>The variable that puts a team's state on NATS (its servers' URLs).</summary>
    public const string RemoteVariable = "SESSION_BRIDGE_NATS";

    /// <summary>This machine's state directory: presence, locks, and (for the file store) everything else.</summary>
    public StateDirectory Directory { get; }

    public StateStoreKind Kind { get; }

    /// <summary>
    /// The team's hosts (NATS: each pane is driven from its own host); null on the file store, where every pane is
    /// this machine's.
    /// </summary>
    public IHostLink? Hosts { get; }

    /// <summary>This machine's name in the team (<c>SESSION_BRIDGE_HOST</c>); null on the file store.</summary>
    public string? Host => Hosts?.Host;

    /// <summary>Whether <paramref name="peer"/>'s pane is this machine's: no host recorded, or this one.</summary>
    public bool IsLocal(PeerRegistration peer) => peer.Host is null || Hosts is null || peer.Host == Hosts.Host;

    /// <summary>Where the shared state is, in words for a message: the directory, or the NATS servers and team.</summary>
    public string Location { get; }

    public IRegistryStore Registry { get; }

    public IPromptStore Prompts { get; }

    public IMessageStore Messages { get; }

    public IHeldStore Held { get; }

    public IRoleSessionStore Sessions { get; }

    public ISupervisionStore Supervision { get; }

    public IRequestStore Requests { get; }

    /// <summary>Watches <paramref name="pane"/>'s presence and <paramref name="mailbox"/>'s inbox (either may be null).</summary>
    public Task<IStateWatch> WatchAsync(PaneIdentity? pane, RoleName? mailbox, CancellationToken cancellationToken) =>
        _watch(pane, mailbox, cancellationToken);

    /// <summary>What the store opened and closes: the NATS store's connection; null on the file store.</summary>
    public IAsyncDisposable? Connection => _owned;

    /// <summary>Closes what the store opened (the NATS connection); the file store has nothing to close.</summary>
    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
