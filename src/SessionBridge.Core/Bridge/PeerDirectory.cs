using SessionBridge.Errors;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>Who plays which role: the registry, read for the use cases.</summary>
internal sealed class PeerDirectory(StateStore state)
{
    /// <summary>The registration of <paramref name="role"/>; not registered is the caller's mistake.</summary>
    public async Task<PeerRegistration> FindAsync(RoleName role, string argument, CancellationToken cancellationToken)
    {
        var peer = await state.Registry.FindAsync(role, cancellationToken);
        if (peer is not null)
            return peer;

        var known = (await state.Registry.AllAsync(cancellationToken)).Select(p => p.Role).ToList();
        var list = known.Count == 0 ? "no role is registered yet" : "registered: " + string.Join(", ", known);
        throw new BridgeException(
            $"{{arg:{argument}}} \"{role}\" is not registered ({list}). The session playing \"{role}\" must call "
                + $"{{cmd:register {role}}} first; {{cmd:list_peers}} shows who is there.",
            ErrorCode.NotRegistered
        );
    }

    public Task<IReadOnlyList<PeerRegistration>> AllAsync(CancellationToken cancellationToken) => state.Registry.AllAsync(cancellationToken);
}
