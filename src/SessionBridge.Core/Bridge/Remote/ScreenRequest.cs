namespace SessionBridge.Bridge.Remote;

/// <summary>read_peer or detect_question of <paramref name="Role"/>, or its list_peers view (no lines).</summary>
internal sealed record ScreenRequest(string Role, int? Lines = null);
