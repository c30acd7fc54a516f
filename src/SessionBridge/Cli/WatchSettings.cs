using SessionBridge.Server.Cli.Board;

namespace SessionBridge.Server.Cli;

/// <summary>How the live board alerts: the notify command (if any), when a held message alerts, and whether it rings.</summary>
internal sealed record WatchSettings(NotifyCommand? Notify, TimeSpan HeldAfter, bool Bell);
