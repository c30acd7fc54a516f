using SessionBridge.Bridge.Results;
using SessionBridge.Screens;

namespace SessionBridge.Bridge;

/// <summary>read_peer and detect_question: a peer's screen as text, and what it says the peer is doing.</summary>
internal sealed class PeerScreens(PeerDirectory peers, PaneTargeting targeting)
{
    public async Task<ReadPeerResult> ReadPeerAsync(string? role, int? lines, CancellationToken cancellationToken)
    {
        var name = RoleName.Parse(role);
        var scrollback = Arguments.InRange(lines ?? Limits.DefaultReadLines, "lines", 0, Limits.MaxScrollback);
        var peer = peers.Find(name, "role");
        var screen = await targeting.CaptureAsync(peer, scrollback, cancellationToken);
        return new ReadPeerResult(name.Value, peer.Pane, scrollback, screen);
    }

    public async Task<DetectQuestionResult> DetectQuestionAsync(
        string? role,
        int? lines,
        CancellationToken cancellationToken
    )
    {
        var name = RoleName.Parse(role);
        var scrollback = Arguments.InRange(lines ?? Limits.DefaultDetectLines, "lines", 0, Limits.MaxScrollback);
        var peer = peers.Find(name, "role");
        var screen = await targeting.CaptureAsync(peer, scrollback, cancellationToken);
        var reading = ScreenClassifier.Classify(screen);
        return new DetectQuestionResult(
            name.Value,
            reading.State,
            reading.Heading,
            reading.State == ScreenState.WaitingSelect ? reading.Options : null,
            reading.Question,
            reading.Rule,
            reading.Matched
        );
    }
}
