using SessionBridge.Bridge.Remote;
using SessionBridge.Bridge.Results;
using SessionBridge.Screens;
using SessionBridge.State;
using SessionBridge.Supervision;

namespace SessionBridge.Bridge;

/// <summary>
/// read_peer and detect_question: a peer's screen as text with its last answer, and what the peer is doing
/// (its hooks first, its screen as the check: <see cref="PeerStateReader"/>).
/// </summary>
internal sealed class PeerScreens(
    PeerDirectory peers,
    PaneTargeting targeting,
    PeerStateReader reader,
    StateStore state,
    RemotePanes remote,
    TimeProvider clock
)
{
    /// <summary>The role's pending permission request (the newest, if several), as Claude Code gave its hook; null for none.</summary>
    public async Task<PendingRequestView?> PendingRequestAsync(string role, CancellationToken cancellationToken)
    {
        if (!await state.Requests.AnyAsync(cancellationToken))
            return null;
        var pending = await new PermissionRequests(state).PendingForAsync(RoleName.Parse(role), clock.GetUtcNow(), cancellationToken);
        return pending.Count > 0 ? PendingRequestView.Of(pending[^1]) : null;
    }

    public async Task<ReadPeerResult> ReadPeerAsync(string? role, int? lines, CancellationToken cancellationToken)
    {
        var name = RoleName.Parse(role);
        var scrollback = Arguments.InRange(lines ?? Limits.DefaultReadLines, "lines", 0, Limits.MaxScrollback);
        var peer = await peers.FindAsync(name, "role", cancellationToken);
        if (remote.IsRemote(peer))
            return await remote.ReadPeerAsync(peer, scrollback, cancellationToken);
        var screen = await targeting.CaptureAsync(peer, scrollback, cancellationToken);
        var presence = reader.Presence(peer);
        return new ReadPeerResult(name.Value, peer.Pane, scrollback, screen, presence?.LastAnswer, presence?.LastAnswerAt);
    }

    /// <summary>The peer's last answer as its Stop hook recorded it, without reading its screen (for the board).</summary>
    public async Task<(string? Text, DateTimeOffset? At)> LastAnswerAsync(string role, CancellationToken cancellationToken)
    {
        var presence = reader.Presence(await peers.FindAsync(RoleName.Parse(role), "role", cancellationToken));
        return (presence?.LastAnswer, presence?.LastAnswerAt);
    }

    public async Task<DetectQuestionResult> DetectQuestionAsync(
        string? role,
        int? lines,
        CancellationToken cancellationToken
    )
    {
        var name = RoleName.Parse(role);
        var scrollback = Arguments.InRange(lines ?? Limits.DefaultDetectLines, "lines", 0, Limits.MaxScrollback);
        var peer = await peers.FindAsync(name, "role", cancellationToken);
        if (remote.IsRemote(peer))
            return await remote.DetectQuestionAsync(peer, scrollback, cancellationToken);
        var screen = await targeting.CaptureAsync(peer, scrollback, cancellationToken);
        var live = reader.Read(peer, screen);
        var reading = live.Screen;
        // Menu details come from the screen; a supervised peer's request, from what Claude Code gave its hook.
        var menu = live.State == ScreenState.WaitingSelect && reading.State == ScreenState.WaitingSelect;
        return new DetectQuestionResult(
            name.Value,
            live.State,
            reading.Heading,
            menu ? reading.Options : null,
            live.State == ScreenState.WaitingText ? reading.Question : null,
            reading.Rule,
            reading.Matched,
            live.Source,
            live.Since,
            await PendingRequestAsync(name.Value, cancellationToken)
        );
    }
}
