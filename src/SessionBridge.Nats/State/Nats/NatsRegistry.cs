namespace SessionBridge.State.Nats;

/// <summary>
/// The team bucket "registry": one key per role (role names are valid keys: a-z, 0-9, '-' and '_'), every change a
/// compare-and-set on its revision, so two hosts touching or stopping roles at once lose nothing.
/// </summary>
internal sealed class NatsRegistry(NatsTeam team) : IRegistryStore
{
    /// <summary>The bucket's name within the team (sb_&lt;team&gt;_registry).</summary>
    public const string BucketName = "registry";

    private readonly NatsBucket<PeerRegistration> _bucket = new(
        team,
        BucketName,
        StateJsonContext.Files.PeerRegistration,
        "every role's registration"
    );

    public async Task<IReadOnlyList<PeerRegistration>> AllAsync(CancellationToken cancellationToken) =>
        [.. (await _bucket.AllAsync(cancellationToken)).OrderBy(p => p.Role, StringComparer.Ordinal)];

    public Task<PeerRegistration?> FindAsync(RoleName role, CancellationToken cancellationToken) => _bucket.FindAsync(role.Value, cancellationToken);

    /// <summary>
    /// Binds a role to a pane; re-registering a role moves it. The whole registration is replaced, so the last
    /// writer wins, as with registry.json. Other roles on the same pane stay (<see cref="FindByPaneAsync"/> picks the newest).
    /// </summary>
    public Task SaveAsync(PeerRegistration registration, CancellationToken cancellationToken) =>
        _bucket.PutAsync(registration.Role, registration, cancellationToken);

    public Task TouchAsync(RoleName role, DateTimeOffset now, CancellationToken cancellationToken) =>
        _bucket.ChangeAsync(
            role.Value,
            peer => (peer is null ? NatsEdit<PeerRegistration>.Keep : NatsEdit<PeerRegistration>.Put(peer with { LastSeen = now }), true),
            cancellationToken
        );

    public Task MarkStoppedAsync(RoleName role, DateTimeOffset now, CancellationToken cancellationToken) =>
        _bucket.ChangeAsync(
            role.Value,
            peer => (peer is null ? NatsEdit<PeerRegistration>.Keep : NatsEdit<PeerRegistration>.Put(peer with { StoppedAt = now }), true),
            cancellationToken
        );

    /// <summary>
    /// The same rules as registry.json's: the newest registration of the pane that fits the pane as it is now, of this
    /// host only: another host's pane may have the same id, socket path and even pids, and is never this one.
    /// </summary>
    public async Task<PeerRegistration?> FindByPaneAsync(string pane, string? socket, PaneIdentity? live, CancellationToken cancellationToken) =>
        (await _bucket.AllAsync(cancellationToken))
            .Where(p =>
                p.Pane == pane
                && (p.Host is null || p.Host == team.Settings.Host)
                && (socket is null || p.Socket is null || p.Socket == socket)
                && (live is null || PaneIdentity.Fits(p, live.ServerPid, live.PanePid))
            )
            .OrderByDescending(p => p.RegisteredAt)
            .FirstOrDefault();
}
