namespace SessionBridge.State;

/// <summary>registry.json: which pane each role is bound to.</summary>
internal sealed class Registry(StateDirectory directory, TimeSpan lockTimeout) : IRegistryStore
{
    private readonly JsonDocumentFile<RegistryFile> _file = new(
        directory.RegistryPath,
        () => StateJsonContext.Files.RegistryFile,
        () => new RegistryFile(),
        lockTimeout,
        "every role's registration",
        f => f.Problem()
    );

    public Task<IReadOnlyList<PeerRegistration>> AllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PeerRegistration>>([.. _file.Read().Peers.Values.OrderBy(p => p.Role, StringComparer.Ordinal)]);

    public Task<PeerRegistration?> FindAsync(RoleName role, CancellationToken cancellationToken) =>
        Task.FromResult(_file.Read().Peers.TryGetValue(role.Value, out var peer) ? peer : null);

    /// <summary>
    /// Binds a role to a pane; re-registering a role moves it. Other roles registered on the same pane stay
    /// (the newest registration is the pane's, <see cref="FindByPaneAsync"/>): the caller reports them.
    /// </summary>
    public Task SaveAsync(PeerRegistration registration, CancellationToken cancellationToken) =>
        _file.UpdateAsync(
            file =>
            {
                file.Peers[registration.Role] = registration;
                return (file, true);
            },
            cancellationToken
        );

    /// <summary>Marks a role as seen now; a role that is not registered is left alone.</summary>
    public Task TouchAsync(RoleName role, DateTimeOffset now, CancellationToken cancellationToken) =>
        _file.UpdateAsync(
            file =>
            {
                if (file.Peers.TryGetValue(role.Value, out var peer))
                    file.Peers[role.Value] = peer with { LastSeen = now };
                return (file, true);
            },
            cancellationToken
        );

    /// <summary>Marks a role as stopped by <c>session-bridge down</c>; a role that is not registered is left alone.</summary>
    public Task MarkStoppedAsync(RoleName role, DateTimeOffset now, CancellationToken cancellationToken) =>
        _file.UpdateAsync(
            file =>
            {
                if (!file.Peers.TryGetValue(role.Value, out var peer))
                    return (file, false);
                file.Peers[role.Value] = peer with { StoppedAt = now };
                return (file, true);
            },
            cancellationToken
        );

    /// <summary>
    /// The role registered for <paramref name="pane"/> on the server at <paramref name="socket"/>; when several
    /// roles point at the pane, the most recently registered wins. With <paramref name="live"/> (the pane as it is
    /// now), a registration made for another tmux server or pane process that had the same pane id is not it.
    /// </summary>
    public Task<PeerRegistration?> FindByPaneAsync(string pane, string? socket, PaneIdentity? live, CancellationToken cancellationToken) =>
        Task.FromResult(
            _file
                .Read()
                .Peers.Values.Where(p =>
                    p.Pane == pane
                    && (socket is null || p.Socket is null || p.Socket == socket)
                    && (live is null || PaneIdentity.Fits(p, live.ServerPid, live.PanePid))
                )
                .OrderByDescending(p => p.RegisteredAt)
                .FirstOrDefault()
        );
}
