using System.CommandLine;
using SessionBridge.Processes;
using SessionBridge.Setup;

namespace SessionBridge.Server.Cli;

/// <summary>install / uninstall: wiring session-bridge-hook into ~/.claude/settings.json on every hook event.</summary>
internal static class SetupCommands
{
    public static IEnumerable<Command> Create(CliContext context) => [Install(context), Uninstall(context)];

    /// <summary>The command that runs this program, as a shell would need it, for the fixes we print.</summary>
    public static string ProgramCommand()
    {
        var process = Environment.ProcessPath ?? Path.Combine(AppContext.BaseDirectory, "session-bridge");
        // session-bridge-nats runs when session-bridge handed over: what to wire and to run is session-bridge, which
        // hands over again while SESSION_BRIDGE_NATS is set and stays lean when it is not.
        if (Path.GetFileName(process) == Companion.ExecutableName)
            process = Path.Combine(Path.GetDirectoryName(process) ?? AppContext.BaseDirectory, "session-bridge");
        // Started as `dotnet session-bridge.dll` (a framework-dependent build): name both.
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? $"{Shell.Quote(process)} {Shell.Quote(Path.Combine(AppContext.BaseDirectory, "session-bridge.dll"))}"
            : Shell.Quote(process);
    }

    /// <summary>The hook install wires by default: the one published beside this program, when it is there.</summary>
    public static string? HookBesideProgram()
    {
        var path = Path.Combine(AppContext.BaseDirectory, HookCommand.ExecutableName);
        return File.Exists(path) ? path : null;
    }

    private static Command Install(CliContext context)
    {
        var hook = new Option<string?>("--hook")
        {
            Description = $"The hook executable to run (default: {HookCommand.ExecutableName} beside this program).",
        };
        var allowTools = new Option<bool>("--allow-tools")
        {
            Description = $"Also add {ClaudeSettings.ToolsRule} to permissions.allow, so sessions call the session-bridge tools without a permission prompt (uninstall takes it out).",
        };
        return SettingsCommand(
            context,
            "install",
            $"Wire the hook into Claude Code's settings.json on its {HookEvents.All.Count} events (backed up first; every other setting kept). Safe to run again.",
            [hook, allowTools],
            (result, settings) =>
            {
                var path = Path.GetFullPath(result.GetValue(hook) ?? Path.Combine(AppContext.BaseDirectory, HookCommand.ExecutableName));
                if (!File.Exists(path))
                    return CommandRunner.Fail(context, $"{path} does not exist. Build it (./install.sh does) or pass --hook <path>.");
                Report(context, settings().Install(path, context.Clock.GetUtcNow(), result.GetValue(allowTools)));
                return ExitCodes.Ok;
            }
        );
    }

    private static Command Uninstall(CliContext context) =>
        SettingsCommand(
            context,
            "uninstall",
            $"Take the session-bridge hook and the {ClaudeSettings.ToolsRule} permission rule out of Claude Code's settings.json, and nothing else.",
            [],
            (_, settings) =>
            {
                Report(context, settings().Uninstall(context.Clock.GetUtcNow()));
                return ExitCodes.Ok;
            }
        );

    /// <summary>
    /// A command that changes one settings.json: its own <paramref name="options"/>, then <c>--settings</c> and
    /// <c>--json</c>; <paramref name="run"/> gets the file to change (opened only when asked for) and returns the exit code.
    /// </summary>
    private static Command SettingsCommand(
        CliContext context,
        string name,
        string description,
        Option[] options,
        Func<ParseResult, Func<ClaudeSettings>, int> run
    )
    {
        var settings = new Option<string?>("--settings") { Description = "The settings.json to change (default: ~/.claude/settings.json)." };
        var command = new Command(name, description);
        foreach (var option in options)
            command.Options.Add(option);
        command.Options.Add(settings);
        command.Options.Add(CommonOptions.Json());
        command.SetAction(
            (result, _) => CommandRunner.RunAsync(context, () => Task.FromResult(run(result, () => Settings(result.GetValue(settings)))))
        );
        return command;
    }

    private static ClaudeSettings Settings(string? path) => path is null ? ClaudeSettings.ForUser() : new ClaudeSettings(Path.GetFullPath(path));

    // Plain text, never wrapped: paths may hold brackets, and a person may paste them.
    private static void Report(CliContext context, SettingsChange change)
    {
        if (context.Json)
        {
            context.WriteJson(change);
            return;
        }

        context.Output.WriteLine(change.Summary);
        if (change.BackupPath is not null)
            context.Output.WriteLine($"The previous file is saved as {change.BackupPath} (the last {SettingsFile.BackupsKept} copies are kept).");
    }
}
