using System.CommandLine;
using SessionBridge.Bridge.Remote;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>
/// <c>session-bridge respond ROLE [OPTION]</c>: a person answers a role's menu or pending request as the respond tool
/// does. A person may answer any supervised role's request (a session only those it supervises).
/// </summary>
internal static class RespondCommand
{
    public static Command Create(CliContext context)
    {
        var role = new Argument<string>("role") { Description = "The role to answer." };
        var option = new Argument<string?>("option") { Description = "The option's label or number (\"Yes\", \"No\", \"SQLite\", \"2\").", Arity = ArgumentArity.ZeroOrOne };
        var request = new Option<string?>("--request") { Description = "The pending request's id: stale if it has ended." };
        var reason = new Option<string?>("--reason") { Description = "With a No: why; the peer's model receives it." };
        var text = new Option<string?>("--text") { Description = "Your own words as a question's answer." };
        var options = new Option<string[]>("--options") { Description = "Several labels, for a question that takes several.", AllowMultipleArgumentsPerToken = true };
        var keys = new Option<string[]>("--keys") { Description = "Key tokens to press instead (Enter, Escape, Down, 1…).", AllowMultipleArgumentsPerToken = true };
        var json = CommonOptions.Json();
        var command = new Command("respond", "Answer a role's menu or pending permission request (through its hook when it has one).")
        {
            role, option, request, reason, text, options, keys, json,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var labels = result.GetValue(options);
            var pressed = result.GetValue(keys);
            var answered = await context.Bridge.Menus.RespondAsync(
                new RespondRequest(
                    result.GetValue(role)!,
                    pressed is { Length: > 0 } ? pressed : null,
                    result.GetValue(option),
                    result.GetValue(request),
                    labels is { Length: > 0 } ? labels : null,
                    result.GetValue(text),
                    result.GetValue(reason)
                ),
                ct
            );
            if (result.GetValue(json))
                context.WriteJson(answered);
            else if (answered.Status == "stale")
                context.Console.MarkupLineInterpolated($"[yellow]stale[/]: {answered.Reason}");
            else if (answered.Sent)
            {
                // The option chosen first: that is what the person picked; how it went, after.
                var chosen = answered.Option ?? answered.Decision ?? string.Join(" ", answered.Keys);
                var how = answered.AnsweredVia == "hook" ? $"through its hook: {answered.Decision}" : $"keys: {string.Join(" ", answered.Keys)}";
                context.Console.MarkupLineInterpolated($"[green]answered[/] {answered.Role}: {chosen} ({how})");
            }
            else
                context.Console.MarkupLineInterpolated($"[red]not answered[/]: {answered.Reason}");
            return answered.Sent || answered.Status == "stale" ? ExitCodes.Ok : ExitCodes.Error;
        }));
        return command;
    }
}
