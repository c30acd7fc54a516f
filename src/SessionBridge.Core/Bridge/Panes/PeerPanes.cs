using SessionBridge.Bridge.Remote;
using SessionBridge.State;

namespace SessionBridge.Bridge.Panes;

/// <summary>The one place that decides whether a peer's pane is driven here, through tmux, or asked of its own host.</summary>
internal sealed class PeerPanes(StateStore state, LocalPanes local, RemotePanes remote)
{
    /// <summary>This host's panes: what the host agent answers other hosts' requests with.</summary>
    public LocalPanes Local => local;

    public IPeerPanes For(PeerRegistration peer) => state.IsLocal(peer) ? local : remote;
}
