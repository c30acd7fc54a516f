namespace SessionBridge.State;

/// <summary>
/// Everything a team shares, behind one seam: the local files of the state directory (the default), or a NATS
/// JetStream account shared across machines. The server, the hook and the CLI all open it here. The directory is
/// always local: presence, pane locks and the hook's own files stay on the machine whose panes they describe.
/// </summary>
internal sealed class StateStore
{
    /// <summary>The file store: everything in <paramref name="directory"/>.</summary>
    /// <param name="clock">What "now" is when a read decides by age (a held message given up after a day).</param>
    public StateStore(StateDirectory directory, TimeSpan lockTimeout, TimeProvider clock)
        : this(
            Upgraded(directory, lockTimeout),
            StateStoreKind.Files,
            directory.Root,
            new Registry(directory, lockTimeout),
            new PromptBook(directory, lockTimeout),
            new MessageLog(directory, lockTimeout, clock),
            new HeldStore(directory),
            new RoleSessions(directory, lockTimeout),
            new SupervisionBook(directory, lockTimeout),
            new RequestStore(directory, lockTimeout),
            (pane, mailbox) => StateWatch.For(directory, pane, mailbox)
        )
    { }

    // A directory an older version wrote is moved into teams/ before any store reads it (once, under a lock).
    private static StateDirectory Upgraded(StateDirectory directory, TimeSpan lockTimeout)
    {
        TeamsUpgrade.Ensure(directory, lockTimeout);
        return directory;
    }

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
        Func<PaneIdentity?, RoleName?, IStateWatch> watch,
        IHostLink? hosts = null
    )
    {
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

    private readonly Func<PaneIdentity?, RoleName?, IStateWatch> _watch;

    /// <summary>
    /// The store this process is configured for: the NATS store when <c>SESSION_BRIDGE_NATS</c> is set, else the
    /// files of <paramref name="directory"/>. Every front end opens its store here.
    /// </summary>
    public static StateStore Open(
        StateDirectory directory,
        TimeSpan lockTimeout,
        TimeProvider clock,
        Func<string, string?>? getVariable = null
    )
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        // On NATS the team is the buckets' team: the one resolved for this folder, unless it is the default.
        return Nats.NatsSettings.FromEnvironment(getVariable) is { } settings
            ? Nats.NatsStateStore.Open(
                directory.Team == TeamName.Default ? directory.ForTeam(settings.Team) : directory,
                directory.Team == TeamName.Default ? settings : settings with { Team = directory.Team },
                lockTimeout,
                clock
            )
            : new StateStore(directory, lockTimeout, clock);
    }

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
    public IStateWatch Watch(PaneIdentity? pane, RoleName? mailbox) => _watch(pane, mailbox);
}
