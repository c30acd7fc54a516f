#pragma warning disable CS9113 // SKELETON
namespace SessionBridge.State.Nats;

/// <summary>the team bucket "registry": one key per role, every change a compare-and-set on its revision.</summary>
internal sealed class NatsRegistry(NatsTeam team) : IRegistryStore
{
    // SKELETON: to be written.
    public IReadOnlyList<PeerRegistration> All() => throw new NotImplementedException();
    public PeerRegistration? Find(RoleName role) => throw new NotImplementedException();
    public void Save(PeerRegistration registration) => throw new NotImplementedException();
    public void Touch(RoleName role, DateTimeOffset now) => throw new NotImplementedException();
    public void MarkStopped(RoleName role, DateTimeOffset now) => throw new NotImplementedException();
    public PeerRegistration? FindByPane(string pane, string? socket, PaneIdentity? live = null) => throw new NotImplementedException();
}
