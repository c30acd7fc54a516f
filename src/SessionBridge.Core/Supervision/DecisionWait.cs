namespace SessionBridge.Supervision;

/// <summary>
/// How long a supervised peer's PermissionRequest hook waits for its supervisor's decision:
/// <c>SESSION_BRIDGE_DECISION_WAIT</c> seconds (read with the other settings, Bridge's BridgeSettings), 600 by default, <see cref="MaxSeconds"/> at most. install gives the
/// hook a timeout a little above the longest allowed wait (Setup's HookEvents.PermissionRequestTimeoutSeconds), so Claude Code never kills a hook that still waits.
/// </summary>
internal static class DecisionWait
{
    public const string Variable = "SESSION_BRIDGE_DECISION_WAIT";

    public const int DefaultSeconds = 600;

    public const int MaxSeconds = 1800;
}
