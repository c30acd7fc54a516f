using System.CommandLine;
using SessionBridge.Diagnostics;
using SessionBridge.State;
using SessionBridge.Team;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>
/// <c>session-bridge up [TEAM_FILE]</c>: the team of the file given, of <c>session-bridge.json</c> here, or the
/// default gestor, dev and reviewer; started, resumed or kept (<see cref="TeamUp"/>), then a table per role.
/// </summary>
internal static class UpCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string?>("team-file") { Description = $"The team file (default: {TeamFile.FileName} here, else the default team: gestor, dev, reviewer).", Arity = ArgumentArity.ZeroOrOne };
        var init = new Option<bool>("--init") { Description = $"Write a commented starter {TeamFile.FileName} for the default team, and start nothing." };
        var attach = new Option<bool>("--attach") { Description = "Attach to the team's tmux session when every role is up." };
        var socket = new Option<string?>("--socket") { Description = "The tmux server's socket (default: the one this shell runs inside, else tmux's default).", HelpName = "PATH" };
        var trust = new Option<bool>("--trust") { Description = "Answer Claude Code's folder-trust dialog with Yes, only in the team's folders." };
        var force = new Option<bool>("--force") { Description = "Take a role that is registered to another live pane." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for every role to be ready.", DefaultValueFactory = _ => 120, HelpName = "SECONDS" };
        var json = CommonOptions.Json();
        var command = new Command("up", "Start the team: a tmux session, one Claude Code per role, registered and briefed; safe to run again (keeps live roles, resumes the rest).")
        {
            file, init, attach, socket, trust, force, timeout, json,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var folder = Environment.CurrentDirectory;
            if (result.GetValue(init))
                return Init(context, result.GetValue(file) ?? Path.Combine(folder, TeamFile.FileName));

            var seconds = result.GetValue(timeout);
            if (seconds is < 1 or > 3600)
                throw new BridgeException($"--timeout is {seconds}: give a number of seconds from 1 to 3600.");
            var team = Load(result.GetValue(file), folder);
            var asJson = result.GetValue(json);
            var run = new TeamUpOptions(
                result.GetValue(socket),
                result.GetValue(trust),
                result.GetValue(force),
                TimeSpan.FromSeconds(seconds),
                TerminalSize(),
                asJson ? null : (role, message) => Console.Error.WriteLine($"{role}: {message}")
            );
            // The team is --team's or SESSION_BRIDGE_TEAM's, else the file's name or the folder's; up records it for the
            // folder (refusing a name another folder uses), so the command line and sessions started there join it.
            var name = TeamOption.Choose(context, team);
            context.UseTeam(name);
            var options = context.Options;
            TeamResolver.CheckFree(options.State, team.Folder, name);
            team = team with { Name = name };
            if (!asJson)
                await Console.Error.WriteLineAsync($"Starting team {team.Name} ({team.Roles.Count} roles) from {team.FilePath ?? "the default team"}");

            var up = await new TeamUp(options, context.Bridge.State, context.Bridge.Clock)
                .RunAsync(team, run, ct);
            await TeamResolver.RecordAsync(options.State, team.Folder, name, options.StateLockTimeout, ct);
            up = up with { Notes = Notes(context) };
            if (asJson)
                context.WriteJson(up);
            else
                Print(context, up);

            if (result.GetValue(attach) && up.Roles.Any(r => r.Pane is not null))
            {
                var tmux = options.Tmux(result.GetValue(socket) ?? options.CallerSocket);
                var exit = await tmux.AttachAsync(up.Session, options.CallerSocket is not null && result.GetValue(socket) is null, ct);
                return exit == 0 && up.AllReady ? ExitCodes.Ok : ExitCodes.Error;
            }

            return up.AllReady ? ExitCodes.Ok : ExitCodes.Error;
        }));
        return command;
    }

    private static TeamDefinition Load(string? file, string folder)
    {
        if (file is not null)
            return TeamFile.Load(file);
        return TeamFile.Find(folder) is { } found ? TeamFile.Load(found) : TeamFile.Default(folder);
    }

    private static int Init(CliContext context, string path)
    {
        if (File.Exists(path))
            throw new BridgeException($"{path} exists already: edit it, or remove it to write the starter again.");
        File.WriteAllText(path, TeamFile.StarterText());
        context.Console.MarkupLineInterpolated($"wrote {path}: edit the roles' briefings, then run [bold]session-bridge up[/].");
        return ExitCodes.Ok;
    }

    /// <summary>This terminal's size, so each Claude Code draws for the screen it will be seen on; else 160x45.</summary>
    private static (int Width, int Height) TerminalSize()
    {
        try
        {
            if (!Console.IsOutputRedirected && Console.WindowWidth >= 80 && Console.WindowHeight >= 24)
                return (Console.WindowWidth, Console.WindowHeight);
        }
        catch (IOException)
        {
            // No terminal.
        }

        return TeamUpOptions.DefaultSize;
    }

    /// <summary>What the user's Claude Code setup lacks for the team to talk (a line each, with its fix); never a failure.</summary>
    private static List<string> Notes(CliContext context)
    {
        var environment = new DoctorEnvironment(UserHome.Find(), Environment.CurrentDirectory, SetupCommands.ProgramCommand(), SetupCommands.HookBesideProgram());
        var options = context.Options;
        var doctor = new Doctor(context.Bridge.Roster, context.Bridge.State, options, environment, context.RemoteDoctor);
        return [.. doctor.ClaudeWiring().Where(c => c.Outcome != CheckOutcome.Ok).Select(c => c.Fix is null ? c.Detail : $"{c.Detail}. Fix: {c.Fix}")];
    }

    private static void Print(CliContext context, TeamUpResult up)
    {
        var table = new Table().AddColumns("role", "pane", "state", "session id", "action");
        foreach (var role in up.Roles)
        {
            var action = role.Action switch
            {
                LaunchAction.Failed => $"[red]{role.Action.ToString().ToLowerInvariant()}[/]",
                LaunchAction.Waiting => $"[fuchsia]{role.Action.ToString().ToLowerInvariant()}[/]",
                _ => $"[green]{role.Action.ToString().ToLowerInvariant()}[/]",
            };
            table.AddRow(
                $"[{Styles.ForRole(role.Role).ToMarkup()}]{Markup.Escape(role.Role)}[/]",
                Markup.Escape(role.Pane ?? "-"),
                Styles.State(role.State),
                Markup.Escape(role.SessionId ?? "-"),
                action
            );
        }

        context.Console.Write(table);
        foreach (var role in up.Roles.Where(r => r.Detail is not null))
        {
            context.Console.MarkupLineInterpolated($"[bold]{role.Role}[/]: {role.Detail}");
            if (role.Answer is not null)
            {
                context.Console.Markup("  to answer: ");
                context.Output.WriteLine(role.Answer);
            }
        }

        foreach (var warning in up.Warnings ?? [])
            context.Console.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
        foreach (var note in up.Notes ?? [])
            context.Console.MarkupLineInterpolated($"[yellow]note:[/] {note}");
        // The attach line is to be pasted: written as it is, never wrapped.
        context.Console.Markup("attach: ");
        context.Output.WriteLine(up.Attach);
    }
}
