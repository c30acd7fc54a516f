namespace SessionBridge.Server.Cli;

/// <summary>What a command's exit code means, for scripts.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Bad input or unreadable state: the message says what to do.</summary>
    public const int Error = 1;

    /// <summary>The command line itself was wrong (unknown command or option).</summary>
    public const int Usage = 2;

    /// <summary>send: the message was logged but not typed into the peer's pane.</summary>
    public const int NotDelivered = 3;

    /// <summary>doctor: at least one check failed.</summary>
    public const int Unhealthy = 4;
}
