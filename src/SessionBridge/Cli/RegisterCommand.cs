using System.CommandLine;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

internal static class RegisterCommand
{
    public static Command Create(CliContext context)
    {
        var role = new Argument<string>("role") { Description = "The role to bind." };
        var pane = new Option<string?>("--pane") { Description = "The tmux pane id (default: this pane, $TMUX_PANE)." };
        var json = CommonOptions.Json();
        var command = new Command("register", "Bind a tmux pane to a role.") { role, pane, json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var registered = await context.Bridge.Roster.RegisterAsync(result.GetValue(role), result.GetValue(pane), ct);
            if (result.GetValue(json))
                context.WriteJson(registered);
            else
                context.Console.MarkupLineInterpolated($"[green]registered[/] {registered.Role} on pane {registered.Pane}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
