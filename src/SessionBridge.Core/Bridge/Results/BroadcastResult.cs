namespace SessionBridge.Bridge.Results;

/// <summary>One send per peer; every message is logged whether or not it was delivered.</summary>
internal sealed record BroadcastResult(int Delivered, int Failed, IReadOnlyList<SendResult> Results);
