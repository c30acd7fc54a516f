namespace SessionBridge.Held;

/// <summary>
/// The hidden command that types a role's held messages once its prompt is free: the hook starts it by these
/// names, and the command line defines it by them.
/// </summary>
internal static class DeliverHeld
{
    public const string Command = "deliver-held";

    public const string PaneOption = "--pane";

    /// <summary>Names the <c>session-bridge</c> binary the hook starts, when it is not beside the hook.</summary>
    public const string CliVariable = "SESSION_BRIDGE_CLI";
}
