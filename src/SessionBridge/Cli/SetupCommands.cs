using System.CommandLine;
using SessionBridge.Setup;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>install / uninstall: wiring the SessionStart hook into ~/.claude/settings.json.</summary>
internal static class SetupCommands
{
    private const string HookName = "session-bridge-hook";

    public static IEnumerable<Command> Create(CliContext context) => [Install(context), Uninstall(context)];

    private static Command Install(CliContext context)
    {
        var hook = new Option<string?>("--hook")
        {
            Description = $"The hook executable to run (default: {HookName} beside this program).",
        };
        var settings = SettingsOption();
        var command = new Command(
            "install",
            "Add the SessionStart hook to Claude Code's settings.json (backed up first; every other setting kept). Safe to run again."
        )
        {
            hook,
            settings,
        };
        command.SetAction(
            (result, _) =>
                CommandRunner.RunAsync(
                    context,
                    () =>
                    {
                        var path = result.GetValue(hook) ?? Path.Combine(AppContext.BaseDirectory, HookName);
                        path = Path.GetFullPath(path);
                        if (!File.Exists(path))
                        {
                            return Task.FromResult(
                                CommandRunner.Fail(context, $"{path} does not exist. Build it (./install.sh does) or pass --hook <path>.")
                            );
                        }

                        var change = Settings(result.GetValue(settings)).Install(path, DateTimeOffset.UtcNow);
                        Report(context, change);
                        return Task.FromResult(ExitCodes.Ok);
                    }
                )
        );
        return command;
    }

    private static Command Uninstall(CliContext context)
    {
        var settings = SettingsOption();
        var command = new Command("uninstall", "Remove the session-bridge SessionStart hook from Claude Code's settings.json, and nothing else.")
        {
            settings,
        };
        command.SetAction(
            (result, _) =>
                CommandRunner.RunAsync(
                    context,
                    () =>
                    {
                        Report(context, Settings(result.GetValue(settings)).Uninstall(DateTimeOffset.UtcNow));
                        return Task.FromResult(ExitCodes.Ok);
                    }
                )
        );
        return command;
    }

    private static Option<string?> SettingsOption() =>
        new("--settings") { Description = "The settings.json to change (default: ~/.claude/settings.json)." };

    private static ClaudeSettings Settings(string? path) => path is null ? ClaudeSettings.ForUser() : new ClaudeSettings(Path.GetFullPath(path));

    private static void Report(CliContext context, SettingsChange change)
    {
        var mark = change.Changed ? "[green]changed[/]" : "[grey]unchanged[/]";
        context.Console.MarkupLine($"{mark} {Markup.Escape(change.Summary)}");
        if (change.BackupPath is not null)
            context.Console.MarkupLineInterpolated($"[grey]backup:[/] {change.BackupPath}");
    }
}
