namespace SessionBridge.State;

/// <summary>Which pane each role is bound to, team-wide: registry.json, or the team's registry bucket.</summary>
internal interface IRegistryStore
{
    Task<IReadOnlyList<PeerRegistration>> AllAsync(CancellationToken cancellationToken);

    Task<PeerRegistration?> FindAsync(RoleName role, CancellationToken cancellationToken);

    /// <summary>Binds a role to a pane; re-registering a role moves it.</summary>
    Task SaveAsync(PeerRegistration registration, CancellationToken cancellationToken);

    /// <summary>Marks a role as seen now; a role that is not registered is left alone.</summary>
    Task TouchAsync(RoleName role, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks a role as stopped by <c>session-bridge down</c>; a role that is not registered is left alone.</summary>
    Task MarkStoppedAsync(RoleName role, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The role registered for <paramref name="pane"/> on the server at <paramref name="socket"/>; when several
    /// roles point at the pane, the most recently registered wins. With <paramref name="live"/> (the pane as it is
    /// now), a registration made for another tmux server or pane process that had the same pane id is not it.
    /// </summary>
    Task<PeerRegistration?> FindByPaneAsync(string pane, string? socket, PaneIdentity? live, CancellationToken cancellationToken);
}
