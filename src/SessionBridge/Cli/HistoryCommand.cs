using System.CommandLine;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

internal static class HistoryCommand
{
    public static Command Create(CliContext context)
    {
        var limit = CommonOptions.Limit();
        var role = new Option<string?>("--role") { Description = "Only messages from or to this role." };
        var json = CommonOptions.Json();
        var command = new Command("history", "The team's conversation, newest last.") { limit, role, json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var messages = await context.Bridge.Reading.HistoryAsync(result.GetValue(limit), result.GetValue(role), ct);
            if (result.GetValue(json))
                context.WriteJson(messages);
            else
            {
                if (messages.Team is { } team)
                    context.Console.MarkupLineInterpolated($"[grey]team {team}[/]");
                foreach (var message in messages.Messages)
                    MessagePrinter.Write(context.Console, message);
                if (messages.Note is not null)
                    context.Console.MarkupLineInterpolated($"[yellow]{messages.Note}[/]");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
