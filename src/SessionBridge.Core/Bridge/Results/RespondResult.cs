namespace SessionBridge.Bridge.Results;

internal sealed record RespondResult(string Role, IReadOnlyList<string> Keys, bool Sent, string? Reason);
