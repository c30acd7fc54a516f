using System.CommandLine;
using SessionBridge.Diagnostics;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

internal static class DoctorCommand
{
    public static Command Create(CliContext context)
    {
        var json = CommonOptions.Json();
        var command = new Command("doctor", "Check tmux, this pane, the state files, the registrations, and Claude Code's wiring; say how to fix each problem.")
        {
            json,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var doctor = new Doctor(context.Bridge.Roster, context.Options, home, Environment.CurrentDirectory);
            var checks = await doctor.RunAsync(ct);
            if (result.GetValue(json))
            {
                context.WriteJson(checks.ToArray());
            }
            else
            {
                foreach (var check in checks)
                {
                    var mark = check.Outcome switch
                    {
                        CheckOutcome.Ok => "[green]ok  [/]",
                        CheckOutcome.Warning => "[yellow]warn[/]",
                        _ => "[red]FAIL[/]",
                    };
                    context.Console.MarkupLine($"{mark} [bold]{Markup.Escape(check.Name)}[/]: {Markup.Escape(check.Detail)}");
                    if (check.Outcome != CheckOutcome.Ok && check.Fix is not null)
                        context.Console.MarkupLine($"     [grey]fix:[/] {Markup.Escape(check.Fix)}");
                }
            }

            return checks.Any(c => c.Outcome == CheckOutcome.Failed) ? ExitCodes.Unhealthy : ExitCodes.Ok;
        }));
        return command;
    }
}
