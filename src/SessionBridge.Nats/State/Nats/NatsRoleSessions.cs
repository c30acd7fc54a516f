namespace SessionBridge.State.Nats;

/// <summary>The team bucket "sessions": one key per role, the Claude Code session <c>up</c> started it with.</summary>
internal sealed class NatsRoleSessions(NatsTeam team) : IRoleSessionStore
{
    /// <summary>The bucket's name within the team (sb_&lt;team&gt;_sessions).</summary>
    public const string BucketName = "sessions";

    private readonly NatsBucket<RoleSession> _bucket = new(team, BucketName, StateJsonContext.Files.RoleSession, "each role's Claude Code session");

    public RoleSession? Find(RoleName role) => _bucket.Find(role.Value);

    public IReadOnlyList<RoleSession> All() => [.. _bucket.All().OrderBy(r => r.Role, StringComparer.Ordinal)];

    public void Save(RoleSession session) => _bucket.Put(session.Role, session);
}
