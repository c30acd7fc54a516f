using Microsoft.Extensions.Logging;

namespace SessionBridge.Server;

internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "session-bridge starting: state in {StateDir}, pane {Pane}")]
    public static partial void Starting(ILogger logger, string stateDir, string pane);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void Warning(ILogger logger, string warning);
}
