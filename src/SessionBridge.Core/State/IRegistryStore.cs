namespace SessionBridge.State;

/// <summary>Which pane each role is bound to, team-wide: registry.json, or the team's registry bucket.</summary>
internal interface IRegistryStore
{
    IReadOnlyList<PeerRegistration> All();

    PeerRegistration? Find(RoleName role);

    /// <summary>Binds a role to a pane; re-registering a role moves it.</summary>
    void Save(PeerRegistration registration);

    /// <summary>Marks a role as seen now; a role that is not registered is left alone.</summary>
    void Touch(RoleName role, DateTimeOffset now);

    /// <summary>Marks a role as stopped by <c>session-bridge down</c>; a role that is not registered is left alone.</summary>
    void MarkStopped(RoleName role, DateTimeOffset now);

    /// <summary>
    /// The role registered for <paramref name="pane"/> on the server at <paramref name="socket"/>; when several
    /// roles point at the pane, the most recently registered wins. With <paramref name="live"/> (the pane as it is
    /// now), a registration made for another tmux server or pane process that had the same pane id is not it.
    /// </summary>
    PeerRegistration? FindByPane(string pane, string? socket, PaneIdentity? live = null);
}
