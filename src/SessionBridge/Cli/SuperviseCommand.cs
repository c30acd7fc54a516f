using System.CommandLine;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>
/// <c>session-bridge supervise ROLE… --by ROLE</c> and <c>--stop</c>: a person says who supervises whom (the
/// supervise tool does it for a session, as its own role).
/// </summary>
internal static class SuperviseCommand
{
    public static Command Create(CliContext context)
    {
        var roles = new Argument<string[]>("roles") { Description = "The roles to supervise.", Arity = ArgumentArity.OneOrMore };
        var by = new Option<string?>("--by")
        {
            Description = "The supervising role: it is told when these roles wait on a question. \"person\": you answer them with respond (no agent is told).",
        };
        var stop = new Option<bool>("--stop") { Description = "End the supervision of these roles, whoever holds it." };
        var notify = new Option<string?>("--notify") { Description = "What the supervisor is told: questions,done,ended (default questions,ended)." };
        var json = CommonOptions.Json();
        var command = new Command("supervise", "Make a role the supervisor of others (told of their questions, answers them), or stop.")
        {
            roles,
            by,
            stop,
            notify,
            json,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var named = result.GetValue(roles) ?? [];
            var supervisor = result.GetValue(by);
            var stopping = result.GetValue(stop);
            if (stopping == (supervisor is not null))
                return CommandRunner.Fail(context, "Give either --by ROLE (who supervises) or --stop.", "usage", ExitCodes.Usage);

            var done = stopping
                ? await context.Bridge.Supervising.StopAsync(named, ct)
                : await context.Bridge.Supervising.SetAsync(supervisor!, named, result.GetValue(notify) is { } told ? [told] : null, ct);
            if (result.GetValue(json))
                context.WriteJson(done);
            else if (done.Stopped)
                context.Console.MarkupLineInterpolated($"[green]stopped[/] supervising {(done.Roles.Count == 0 ? "(none was supervised)" : string.Join(", ", done.Roles))}");
            else
            {
                context.Console.MarkupLineInterpolated($"[green]{done.Supervisor}[/] supervises {string.Join(", ", done.Roles)}");
                foreach (var (role, old) in done.Replaced)
                    context.Console.MarkupLineInterpolated($"  {role}: replaces {old}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
