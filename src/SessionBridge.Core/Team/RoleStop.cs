namespace SessionBridge.Team;

/// <summary>One role as <c>session-bridge down</c> left it.</summary>
internal sealed record RoleStop(string Role, string? Pane, StopAction Action, string? Detail = null);
