namespace SessionBridge.Bridge.Results;

internal sealed record ListPeersResult(IReadOnlyList<PeerView> Peers);
