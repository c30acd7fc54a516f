#pragma warning disable CS9113 // SKELETON
namespace SessionBridge.State.Nats;

/// <summary>the team bucket "requests": one key per permission request, changed by compare-and-set.</summary>
internal sealed class NatsRequestStore(NatsTeam team) : IRequestStore
{
    // SKELETON: to be written.
    public bool Any() => throw new NotImplementedException();
    public PermissionRequestRecord? Find(string id) => throw new NotImplementedException();
    public IReadOnlyList<PermissionRequestRecord> All() => throw new NotImplementedException();
    public void Create(PermissionRequestRecord request, DateTimeOffset now) => throw new NotImplementedException();
    public PermissionRequestRecord? Update(string id, Func<PermissionRequestRecord, PermissionRequestRecord?> change) => throw new NotImplementedException();
}
