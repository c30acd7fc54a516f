namespace SessionBridge.Bridge.Results;

internal sealed record ReadPeerResult(string Role, string Pane, int Lines, string Screen);
