using Microsoft.Extensions.Logging;

namespace SessionBridge.Server;

/// <summary>
/// How much the server writes to stderr. Claude Code keeps a server's stderr in its MCP logs, so by default
/// only warnings and errors; <c>SESSION_BRIDGE_LOG</c> (read and checked with the other settings, BridgeSettings) says otherwise.
/// </summary>
internal static class ServerLogLevel
{
    public const LogLevel Default = LogLevel.Warning;

    /// <summary>The level <paramref name="value"/> names, or null for one we do not know.</summary>
    public static LogLevel? Parse(string? value) =>
        value?.Trim().ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "info" or "information" => LogLevel.Information,
            "warn" or "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "none" or "off" => LogLevel.None,
            _ => null,
        };
}
