using SessionBridge.Bridge.Remote;
using SessionBridge.Bridge.Results;
using SessionBridge.State;

namespace SessionBridge.Bridge.Panes;

/// <summary>
/// What the use cases do to a registered peer's pane, the same wherever the pane is: on this host, through tmux
/// (<see cref="LocalPanes"/>); on another, asked of that host's server (<see cref="RemotePanes"/>).
/// <see cref="PeerPanes"/> picks one for a peer. The caller's checks (arguments, the sender's identity, the loop brake)
/// and the log stay in the use cases; the pane's checks happen where the pane is.
/// </summary>
internal interface IPeerPanes
{
    /// <summary>Types <paramref name="text"/> into the pane (send): its lock and checks, held on a menu or a draft.</summary>
    Task<Delivery> TypeAsync(PeerRegistration peer, string text, bool submit, bool force, CancellationToken cancellationToken);

    /// <summary>read_peer: the screen with <paramref name="scrollback"/> lines above it, and the peer's last answer.</summary>
    Task<ReadPeerResult> ReadAsync(PeerRegistration peer, int scrollback, CancellationToken cancellationToken);

    /// <summary>detect_question: what the peer is doing, and the menu or question it shows.</summary>
    Task<DetectQuestionResult> DetectAsync(PeerRegistration peer, int scrollback, CancellationToken cancellationToken);

    /// <summary>respond, its arguments already checked.</summary>
    Task<RespondResult> RespondAsync(PeerRegistration peer, RespondRequest request, CancellationToken cancellationToken);

    /// <summary>wait_for on the peer's state (idle, question, any) for at most <paramref name="seconds"/>.</summary>
    Task<WaitResult> WaitAsync(PeerRegistration peer, WaitCondition condition, int seconds, CancellationToken cancellationToken);

    /// <summary>The peer as list_peers shows it.</summary>
    Task<PeerView> ViewAsync(PeerRegistration peer, string? supervisor, CancellationToken cancellationToken);
}
