namespace SessionBridge.Bridge.Remote;

/// <summary>wait_for(<paramref name="Role"/>, <paramref name="Until"/>) on the peer's own host.</summary>
internal sealed record WaitRequest(string Role, string? Until, int? TimeoutSeconds);
