using System.CommandLine;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

internal static class InboxCommand
{
    public static Command Create(CliContext context)
    {
        var role = new Argument<string>("role") { Description = "Whose inbox." };
        var limit = CommonOptions.Limit();
        var unread = new Option<bool>("--unread") { Description = "Only messages after the last one marked read." };
        var json = CommonOptions.Json();
        var command = new Command("inbox", "Messages sent to a role, newest last.") { role, limit, unread, json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var messages = await context.Bridge.Reading.InboxAsync(result.GetValue(role), result.GetValue(limit), result.GetValue(unread), false, ct);
            if (result.GetValue(json))
            {
                context.WriteJson(messages);
            }
            else
            {
                foreach (var message in messages.Messages)
                    MessagePrinter.Write(context.Console, message);
                if (messages.Note is not null)
                    context.Console.MarkupLineInterpolated($"[yellow]{messages.Note}[/]");
                else
                    context.Console.MarkupLineInterpolated($"[grey]{messages.Unread} unread[/]");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
