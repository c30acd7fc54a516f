using System.CommandLine;

namespace SessionBridge.Server.Cli;

/// <summary>install / uninstall: wiring the SessionStart hook into ~/.claude/settings.json.</summary>
internal static class SetupCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        _ = context;
        return [];
    }
}
