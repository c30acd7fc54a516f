#pragma warning disable CS9113 // SKELETON
namespace SessionBridge.State.Nats;

/// <summary>the team bucket "held": one key per role.</summary>
internal sealed class NatsHeldStore(NatsTeam team) : IHeldStore
{
    // SKELETON: to be written.
    public bool Any() => throw new NotImplementedException();
    public IReadOnlyList<RoleName> Roles() => throw new NotImplementedException();
    public IReadOnlyList<MessageRecord> Read(RoleName role) => throw new NotImplementedException();
    public void Write(RoleName role, IReadOnlyList<MessageRecord> messages) => throw new NotImplementedException();
}
