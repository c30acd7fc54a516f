using SessionBridge.Bridge.Panes;
using SessionBridge.Bridge.Results;

namespace SessionBridge.Bridge;

/// <summary>
/// read_peer and detect_question: a peer's screen as text with its last answer, and what the peer is doing
/// (its hooks first, its screen as the check: <see cref="PeerStateReader"/>).
/// </summary>
internal sealed class PeerScreens(PeerDirectory peers, PeerStateReader reader, PeerPanes panes)
{
    /// <summary>The role's pending permission request (the newest, if several), as Claude Code gave its hook; null for none.</summary>
    public Task<PendingRequestView?> PendingRequestAsync(string role, CancellationToken cancellationToken) =>
        panes.Local.PendingRequestAsync(role, cancellationToken);

    public async Task<ReadPeerResult> ReadPeerAsync(string? role, int? lines, CancellationToken cancellationToken)
    {
        var name = RoleName.Parse(role);
        var scrollback = Arguments.InRange(lines ?? Limits.DefaultReadLines, "lines", 0, Limits.MaxScrollback);
        var peer = await peers.FindAsync(name, "role", cancellationToken);
        return await panes.For(peer).ReadAsync(peer, scrollback, cancellationToken);
    }

    /// <summary>The peer's last answer as its Stop hook recorded it, without reading its screen (for the board).</summary>
    public async Task<(string? Text, DateTimeOffset? At)> LastAnswerAsync(string role, CancellationToken cancellationToken)
    {
        var presence = reader.Presence(await peers.FindAsync(RoleName.Parse(role), "role", cancellationToken));
        return (presence?.LastAnswer, presence?.LastAnswerAt);
    }

    public async Task<DetectQuestionResult> DetectQuestionAsync(string? role, int? lines, CancellationToken cancellationToken)
    {
        var name = RoleName.Parse(role);
        var scrollback = Arguments.InRange(lines ?? Limits.DefaultDetectLines, "lines", 0, Limits.MaxScrollback);
        var peer = await peers.FindAsync(name, "role", cancellationToken);
        return await panes.For(peer).DetectAsync(peer, scrollback, cancellationToken);
    }
}
