using System.CommandLine;

namespace SessionBridge.Server.Cli;

internal static class TailCommand
{
    public static Command Create(CliContext context)
    {
        var limit = CommonOptions.Limit(10);
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing messages as they are sent (Ctrl-C stops)." };
        var command = new Command("tail", "The last messages of the conversation, coloured by sender; -f follows it live.")
        {
            limit, follow,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var messages = context.Bridge.State.Messages;
            // Take the position first: a message written meanwhile is printed by the follower, not lost.
            var position = messages.ConversationLength;
            foreach (var message in context.Bridge.History(result.GetValue(limit)).Messages)
                MessagePrinter.Write(context.Console, message);
            if (!result.GetValue(follow))
                return ExitCodes.Ok;

            try
            {
                while (!ct.IsCancellationRequested)
                {
                    await Task.Delay(250, ct);
                    var (fresh, next) = messages.ConversationSince(position);
                    position = next;
                    foreach (var message in fresh)
                        MessagePrinter.Write(context.Console, message);
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: a normal way to stop following.
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
