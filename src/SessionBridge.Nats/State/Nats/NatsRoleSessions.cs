namespace SessionBridge.State.Nats;

/// <summary>The team bucket "sessions": one key per role, the Claude Code session <c>up</c> started it with.</summary>
internal sealed class NatsRoleSessions(NatsTeam team) : IRoleSessionStore
{
    /// <summary>The bucket's name within the team (sb_&lt;team&gt;_sessions).</summary>
    public const string BucketName = "sessions";

    private readonly NatsBucket<RoleSession> _bucket = new(team, BucketName, StateJsonContext.Files.RoleSession, "each role's Claude Code session");

    public Task<RoleSession?> FindAsync(RoleName role, CancellationToken cancellationToken) => _bucket.FindAsync(role.Value, cancellationToken);

    public async Task<IReadOnlyList<RoleSession>> AllAsync(CancellationToken cancellationToken) =>
        [.. (await _bucket.AllAsync(cancellationToken)).OrderBy(r => r.Role, StringComparer.Ordinal)];

    public Task SaveAsync(RoleSession session, CancellationToken cancellationToken) => _bucket.PutAsync(session.Role, session, cancellationToken);
}
