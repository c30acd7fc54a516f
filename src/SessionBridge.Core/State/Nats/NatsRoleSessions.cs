#pragma warning disable CS9113 // SKELETON
namespace SessionBridge.State.Nats;

/// <summary>the team bucket "sessions": one key per role.</summary>
internal sealed class NatsRoleSessions(NatsTeam team) : IRoleSessionStore
{
    // SKELETON: to be written.
    public RoleSession? Find(RoleName role) => throw new NotImplementedException();
    public IReadOnlyList<RoleSession> All() => throw new NotImplementedException();
    public void Save(RoleSession session) => throw new NotImplementedException();
}
