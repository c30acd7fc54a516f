using System.CommandLine;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

internal static class SendCommand
{
    public static Command Create(CliContext context)
    {
        var to = new Argument<string>("to") { Description = "The recipient's role." };
        var text = new Argument<string>("text") { Description = "The message; - reads it from standard input." };
        var from = new Option<string>("--from") { Description = "Your role, shown as [from:<role>].", DefaultValueFactory = _ => RoleName.Person };
        var noSubmit = new Option<bool>("--no-submit") { Description = "Type the text without pressing Enter." };
        var noTag = new Option<bool>("--no-tag") { Description = "Do not prefix the text with [from:<role>]." };
        var force = new Option<bool>("--force") { Description = "Type even if the peer's prompt holds an unsent draft." };
        var json = CommonOptions.Json();
        var command = new Command("send", "Type a message into a role's Claude Code prompt and press Enter.")
        {
            to, text, from, noSubmit, noTag, force, json,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var body = result.GetValue(text);
            if (body == "-")
                body = await Console.In.ReadToEndAsync(ct);
            var sent = await context.Bridge.Sending.SendAsync(
                result.GetValue(to),
                result.GetValue(from),
                body,
                submit: !result.GetValue(noSubmit),
                tag: !result.GetValue(noTag),
                force: result.GetValue(force),
                cancellationToken: ct
            );
            if (result.GetValue(json))
                context.WriteJson(sent);
            else if (sent.Delivered)
                context.Console.MarkupLineInterpolated($"[green]{sent.Status.ToWireName()}[/] to {sent.To} (#{sent.Id})");
            else
                context.Console.MarkupLineInterpolated($"[red]not delivered[/] to {sent.To} (#{sent.Id}, kept in its inbox): {sent.Reason}");
            return sent.Delivered ? ExitCodes.Ok : ExitCodes.NotDelivered;
        }));
        return command;
    }
}
