using System.CommandLine;
using SessionBridge.Errors;
using SessionBridge.State;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>
/// <c>session-bridge &lt;command&gt;</c>: the same library for the person running the agents. Without a
/// command the executable is the MCP server on stdio, as Claude Code starts it.
/// </summary>
internal static class CommandLine
{
    /// <summary>No arguments (as Claude Code and dnx start it), or <c>serve</c>: the MCP server. Anything else is a command.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] != "serve";

    public static async Task<int> RunAsync(string[] args, RemoteParts? remote = null)
    {
        var console = AnsiConsole.Console;
        // Piped output is read by scripts and tests: do not wrap it at 80 columns.
        if (Console.IsOutputRedirected)
            console.Profile.Width = 250;
        // Known before parsing, so that even a usage error comes out as JSON for a script that asked for it.
        var json = args.TakeWhile(a => a != "--").Contains("--json");
        // Known before parsing too: every command's store is opened for that team.
        var team = TeamOption.Find(args);
        await using var context = new CliContext(console, Console.Out, json, remote, team: team);
        // Every setting is read once, before any command: a bad value is refused here, naming it.
        try
        {
            _ = context.Options;
        }
        catch (SettingException e)
        {
            return CommandRunner.Fail(context, e.Message);
        }

        try
        {
            await TeamsUpgrade.EnsureAsync(context.Options.State, context.Options.StateLockTimeout, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException or StateException)
        {
            return CommandRunner.Fail(context, $"The state directory {context.Options.State.Root} could not be upgraded to teams: {e.Message}");
        }

        var root = new RootCommand(
            "session-bridge: Claude Code sessions in tmux panes talking to each other. Without a command, runs the MCP server on stdio."
        )
        {
            UpCommand.Create(context),
            DownCommand.Create(context),
            PeersCommand.Create(context),
            SendCommand.Create(context),
            HistoryCommand.Create(context),
            TailCommand.Create(context),
            InboxCommand.Create(context),
            PromptCommand.Create(context),
            RegisterCommand.Create(context),
            DoctorCommand.Create(context),
            MigrateCommand.Create(context),
            WatchCommand.Create(context),
            DeliverHeldCommand.Create(context),
            SuperviseCommand.Create(context),
            RespondCommand.Create(context),
            WebCommand.Create(context),
        };
        foreach (var command in SetupCommands.Create(context))
            root.Subcommands.Add(command);
        root.Options.Add(TeamOption.Create());

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var (problems, usage, help) = UsageErrors.Describe(parsed);
            if (json)
                return CommandRunner.Fail(context, $"{string.Join(" ", problems)} {usage}", "usage", ExitCodes.Usage);
            foreach (var problem in problems)
                await Console.Error.WriteLineAsync($"error: {problem}");
            await Console.Error.WriteLineAsync(usage);
            await Console.Error.WriteLineAsync(help);
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync();
    }
}
