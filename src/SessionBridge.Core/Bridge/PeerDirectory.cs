using SessionBridge.Errors;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>Who plays which role: the registry, read for the use cases.</summary>
internal sealed class PeerDirectory(StateStore state)
{
    /// <summary>The registration of <paramref name="role"/>; not registered is the caller's mistake.</summary>
    public PeerRegistration Find(RoleName role, string argument)
    {
        var peer = state.Registry.Find(role);
        if (peer is not null)
            return peer;

        var known = state.Registry.All().Select(p => p.Role).ToList();
        var list = known.Count == 0 ? "no role is registered yet" : "registered: " + string.Join(", ", known);
        throw new BridgeException(
            $"{{arg:{argument}}} \"{role}\" is not registered ({list}). The session playing \"{role}\" must call "
                + $"{{cmd:register {role}}} first; {{cmd:list_peers}} shows who is there.",
            ErrorCode.NotRegistered
        );
    }

    public IReadOnlyList<PeerRegistration> All() => state.Registry.All();
}
