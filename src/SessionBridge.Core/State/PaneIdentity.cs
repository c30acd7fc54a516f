namespace SessionBridge.State;

/// <summary>
/// One pane of one tmux server, for as long as its process lives. Pane ids start again from %0 when tmux
/// restarts, so the id alone names a stranger's pane soon enough: the socket, the server's pid and the
/// pane's pid make it this pane.
/// </summary>
internal sealed record PaneIdentity(string Socket, int ServerPid, string Pane, int PanePid)
{
    /// <summary>The registration's pane, or null when it lacks what tells it apart (older registrations).</summary>
    public static PaneIdentity? Of(PeerRegistration peer) =>
        peer is { Socket: { Length: > 0 } socket, ServerPid: { } server, PanePid: { } pid }
            ? new PaneIdentity(socket, server, peer.Pane, pid)
            : null;

    /// <summary>
    /// Whether <paramref name="peer"/> was made for the pane process <paramref name="panePid"/> of the tmux server
    /// <paramref name="serverPid"/>, and not for whatever held its pane id before (a registration without pids is
    /// taken at its word).
    /// </summary>
    public static bool Fits(PeerRegistration peer, int serverPid, int panePid) =>
        (peer.ServerPid is not { } server || server == serverPid) && (peer.PanePid is not { } pid || pid == panePid);
}
