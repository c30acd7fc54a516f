using System.CommandLine;
using SessionBridge.Bridge;

namespace SessionBridge.Server.Cli;

internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print JSON (the MCP tools' result shape) for scripts." };

    public static Option<int> Limit(int defaultValue = Limits.DefaultMessages) =>
        new("--limit", "-n")
        {
            Description = $"How many messages ({Limits.MinMessages}-{Limits.MaxMessages}).",
            DefaultValueFactory = _ => defaultValue,
        };
}
