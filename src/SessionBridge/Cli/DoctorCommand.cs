using System.CommandLine;
using SessionBridge.Diagnostics;
using SessionBridge.State;
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
            var options = context.Options;
            var environment = new DoctorEnvironment(
                UserHome.Find(),
                Environment.CurrentDirectory,
                SetupCommands.ProgramCommand(),
                SetupCommands.HookBesideProgram()
            );
            IReadOnlyList<DoctorCheck> checks;
            try
            {
                var doctor = new Doctor(context.Bridge.Roster, context.Bridge.State, options, environment, context.RemoteDoctor);
                checks = await doctor.RunAsync(ct);
            }
            catch (StateException e) when (e.Origin.Kind is StateOriginKind.Setting or StateOriginKind.Nats)
            {
                // Settings that name no usable NATS server are the finding itself, not a reason to stop before checking.
                checks = [new DoctorCheck("NATS settings", CheckOutcome.Failed, e.Message, $"Fix the variable it names, or unset {StateStore.RemoteVariable} to use the local files.")];
            }

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
                    {
                        // The fix is often a command to paste: written as it is, never wrapped.
                        context.Console.Markup("     [grey]fix:[/] ");
                        context.Output.WriteLine(check.Fix);
                    }
                }
            }

            return checks.Any(c => c.Outcome == CheckOutcome.Failed) ? ExitCodes.Unhealthy : ExitCodes.Ok;
        }));
        return command;
    }
}
