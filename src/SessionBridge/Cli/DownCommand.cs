using System.CommandLine;
using SessionBridge.State;
using SessionBridge.Team;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>
/// <c>session-bridge down [ROLE…]</c>: the roles named, or those <c>up</c> started for the team of the team file
/// here (or given), end their Claude Code sessions cleanly (<see cref="TeamDown"/>); their state is kept.
/// </summary>
internal static class DownCommand
{
    public static Command Create(CliContext context)
    {
        var roles = new Argument<string[]>("role") { Description = "The roles to stop (default: the team's roles).", Arity = ArgumentArity.ZeroOrMore };
        var file = new Option<string?>("--file") { Description = $"The team file whose roles to stop (default: {TeamFile.FileName} here, else the default team).", HelpName = "PATH" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each Claude Code to exit before its pane is killed.", DefaultValueFactory = _ => 15, HelpName = "SECONDS" };
        var force = new Option<bool>("--force") { Description = "Kill the pane of a role whose prompt holds an unsent draft or a menu, instead of leaving it running (the draft is lost)." };
        var json = CommonOptions.Json();
        var command = new Command("down", "Stop the team's Claude Code sessions (/exit, then kill the pane after a timeout); mailboxes, briefings and sessions are kept for the next up.")
        {
            roles, file, timeout, force, json,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var seconds = result.GetValue(timeout);
            if (seconds is < 1 or > 600)
                throw new BridgeException($"--timeout is {seconds}: give a number of seconds from 1 to 600.");
            var named = result.GetValue(roles) ?? [];
            var given = result.GetValue(file);
            // Roles named: this folder's team's (or --team's, or --file's). Else the team up started for the team file.
            var team = named.Length > 0 && given is null ? null : Team(given);
            if (team is not null)
                context.UseTeam(TeamOption.Choose(context, team));
            var options = context.Options;
            var state = context.Bridge.State;
            var targets = named.Length > 0 ? [.. named.Select(r => RoleName.Parse(r))] : await TeamRolesAsync(state, team!, ct);

            var down = await new TeamDown(options, state, context.Bridge.Clock).RunAsync(targets, TimeSpan.FromSeconds(seconds), ct, result.GetValue(force));
            if (result.GetValue(json))
            {
                context.WriteJson(down);
            }
            else
            {
                foreach (var stop in down.Roles)
                {
                    var pane = stop.Pane is null ? "" : $" (pane {stop.Pane})";
                    var said = stop.Action switch
                    {
                        StopAction.Exited => "[green]stopped[/]",
                        StopAction.Killed => "[yellow]killed[/]",
                        StopAction.NotRunning => "[grey]not running[/]",
                        StopAction.Kept => "[yellow]left running[/]",
                        _ => "[red]not registered[/]",
                    };
                    context.Console.MarkupLine($"{Markup.Escape(stop.Role)}{Markup.Escape(pane)}: {said}{(stop.Detail is null ? "" : " - " + Markup.Escape(stop.Detail))}");
                }

                if (down.Roles.Any(r => r.Action is StopAction.Exited or StopAction.Killed or StopAction.NotRunning))
                    context.Console.MarkupLine("Their mailboxes, briefings and sessions are kept: [bold]session-bridge up[/] resumes them.");
            }

            return down.Roles.Any(r => r.Action is StopAction.NotRegistered or StopAction.Kept) ? ExitCodes.Error : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The roles <c>up</c> started for the team of the team file (given, here, or the default team's).</summary>
    private static TeamDefinition Team(string? file)
    {
        var folder = Environment.CurrentDirectory;
        return file is not null
            ? TeamFile.Load(file)
            : TeamFile.Find(folder) is { } found ? TeamFile.Load(found) : TeamFile.Default(folder);
    }

    private static async Task<List<RoleName>> TeamRolesAsync(StateStore state, TeamDefinition team, CancellationToken cancellationToken)
    {
        var folder = Environment.CurrentDirectory;
        var session = TeamUp.SessionName(state.Directory.Team);
        var started = new List<RoleName>();
        foreach (var role in team.Roles.Select(r => r.Role))
        {
            if ((await state.Sessions.FindAsync(role, cancellationToken))?.Team == session)
                started.Add(role);
        }

        if (started.Count == 0)
        {
            throw new BridgeException(
                $"No role of team {team.Name} ({team.FilePath ?? "the default team of " + folder}) was started by "
                    + "session-bridge up. Name the roles to stop: session-bridge down dev reviewer."
            );
        }

        return started;
    }
}
