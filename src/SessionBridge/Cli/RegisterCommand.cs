using System.CommandLine;
using SessionBridge.Bridge;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

internal static class RegisterCommand
{
    public static Command Create(CliContext context)
    {
        var role = new Argument<string>("role") { Description = "The role to bind." };
        var pane = new Option<string?>("--pane") { Description = "The tmux pane id (default: this pane, $TMUX_PANE)." };
        var socket = new Option<string?>("--socket")
        {
            Description = "The tmux server the pane lives on, by its socket path (default: this one, from $TMUX; outside tmux, the default server).",
        };
        var json = CommonOptions.Json();
        var command = new Command("register", "Bind a tmux pane to a role.") { role, pane, socket, json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var bridge = result.GetValue(socket) is { } path
                ? new UseCases(context.Options with { CallerSocket = Path.GetFullPath(path) })
                : context.Bridge;
            var registered = await bridge.Roster.RegisterAsync(result.GetValue(role), result.GetValue(pane), ct);
            if (result.GetValue(json))
                context.WriteJson(registered);
            else
                context.Console.MarkupLineInterpolated($"[green]registered[/] {registered.Role} on pane {registered.Pane}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
