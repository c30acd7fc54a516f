#pragma warning disable CS9113 // SKELETON
namespace SessionBridge.State.Nats;

/// <summary>the team bucket "supervision": one key per supervised role, changed by compare-and-set.</summary>
internal sealed class NatsSupervisionBook(NatsTeam team) : ISupervisionStore
{
    // SKELETON: to be written.
    public bool Any() => throw new NotImplementedException();
    public SupervisorEntry? Find(RoleName role) => throw new NotImplementedException();
    public IReadOnlyList<SupervisorEntry> All() => throw new NotImplementedException();
    public IReadOnlyList<SupervisorEntry> Set(RoleName supervisor, IReadOnlyList<RoleName> roles, DateTimeOffset now, IReadOnlyList<SupervisionNotice>? notify = null) => throw new NotImplementedException();
    public IReadOnlyList<SupervisorEntry> Stop(IReadOnlyList<RoleName> roles, RoleName? supervisor) => throw new NotImplementedException();
    public SupervisorEntry? ClaimEnded(RoleName role, DateTimeOffset session) => throw new NotImplementedException();
}
