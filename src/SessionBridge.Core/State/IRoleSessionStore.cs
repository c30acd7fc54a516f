namespace SessionBridge.State;

/// <summary>The Claude Code session each role of a team was started with.</summary>
internal interface IRoleSessionStore
{
    Task<RoleSession?> FindAsync(RoleName role, CancellationToken cancellationToken);

    Task<IReadOnlyList<RoleSession>> AllAsync(CancellationToken cancellationToken);

    Task SaveAsync(RoleSession session, CancellationToken cancellationToken);
}
