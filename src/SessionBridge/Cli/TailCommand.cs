using System.CommandLine;
using SessionBridge.Bridge;

namespace SessionBridge.Server.Cli;

internal static class TailCommand
{
    /// <summary>How often -f looks for new lines: a person watching does not notice a quarter second.</summary>
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(250);

    public static Command Create(CliContext context)
    {
        var limit = CommonOptions.Limit(Limits.DefaultTailMessages);
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing messages as they are sent (Ctrl-C stops)." };
        var json = CommonOptions.Json();
        var command = new Command(
            "tail",
            "The last messages of the conversation, coloured by sender; -f follows it live. With --json, one message per line."
        )
        {
            limit,
            follow,
            json,
        };
        command.SetAction(
            (result, ct) =>
                CommandRunner.RunAsync(
                    context,
                    async () =>
                    {
                        var reading = context.Bridge.Reading;
                        // Take the position first: a message written meanwhile is printed by the follower, not lost.
                        var position = await reading.EndAsync(ct);
                        foreach (var message in (await reading.HistoryAsync(result.GetValue(limit), null, ct)).Messages)
                            Print(context, message);
                        if (!result.GetValue(follow))
                            return ExitCodes.Ok;

                        try
                        {
                            while (!ct.IsCancellationRequested)
                            {
                                await Task.Delay(FollowInterval, ct);
                                var (fresh, next) = await reading.SinceAsync(position, ct);
                                position = next;
                                foreach (var message in fresh)
                                    Print(context, message);
                            }
                        }
                        catch (OperationCanceledException)
                        {
                            // Ctrl-C: a normal way to stop following.
                        }

                        return ExitCodes.Ok;
                    }
                )
        );
        return command;
    }

    private static void Print(CliContext context, State.MessageRecord message)
    {
        if (context.Json)
            context.WriteJsonLine(message);
        else
            MessagePrinter.Write(context.Console, message);
    }
}
