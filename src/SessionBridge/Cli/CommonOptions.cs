using System.CommandLine;

namespace SessionBridge.Server.Cli;

internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print JSON (the MCP tools' result shape) for scripts." };

    public static Option<int> Limit(int defaultValue = 20) =>
        new("--limit", "-n") { Description = "How many messages (1-1000).", DefaultValueFactory = _ => defaultValue };
}
