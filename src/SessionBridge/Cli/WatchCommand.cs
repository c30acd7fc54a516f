using System.CommandLine;
using SessionBridge.Server.Cli.Board;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary><c>session-bridge watch</c>: the whole team at a glance, live or as one snapshot, and an alert when a peer needs you.</summary>
internal static class WatchCommand
{
    public static Command Create(CliContext context)
    {
        var once = new Option<bool>("--once") { Description = "Print one snapshot of the board and exit (with --json, as JSON)." };
        var json = CommonOptions.Json();
        var notify = new Option<string?>("--notify")
        {
            Description =
                "Run CMD (through sh -c) when a peer comes to wait on a menu or a question, and when a message has been "
                + "held longer than --held-after. It is told what happened in its environment: SESSION_BRIDGE_ROLE, "
                + "SESSION_BRIDGE_STATE, SESSION_BRIDGE_QUESTION, SESSION_BRIDGE_PANE.",
            HelpName = "CMD",
        };
        var heldAfter = new Option<int>("--held-after")
        {
            Description = $"Seconds a message may be held before --notify is run for it ({BoardLimits.MinHeldAfterSeconds}-{BoardLimits.MaxHeldAfterSeconds}).",
            DefaultValueFactory = _ => BoardLimits.DefaultHeldAfterSeconds,
            HelpName = "SECONDS",
        };
        var noBell = new Option<bool>("--no-bell") { Description = "Do not ring the terminal bell when a peer needs you." };
        var all = new Option<bool>("--all") { Description = "Every team on this machine, not only this folder's." };
        var command = new Command(
            "watch",
            "A live board of this folder's team (--all: every team's): each role's state and since when, unread and held messages, what a waiting peer "
                + "asks, the last lines of the conversation. q or Ctrl-C quits."
        )
        {
            once,
            json,
            notify,
            heldAfter,
            noBell,
            all,
        };
        command.SetAction(
            (result, ct) =>
                CommandRunner.RunAsync(
                    context,
                    async () =>
                    {
                        var seconds = result.GetValue(heldAfter);
                        if (seconds is < BoardLimits.MinHeldAfterSeconds or > BoardLimits.MaxHeldAfterSeconds)
                        {
                            return CommandRunner.Fail(
                                context,
                                $"--held-after must be between {BoardLimits.MinHeldAfterSeconds} and {BoardLimits.MaxHeldAfterSeconds} seconds, not {seconds}."
                            );
                        }

                        await using var board = new TeamsBoard(context, result.GetValue(all));
                        if (result.GetValue(once))
                            return await SnapshotAsync(context, board, ct);
                        if (result.GetValue(json))
                            return CommandRunner.Fail(context, "--json prints one snapshot: use it with --once.", "usage", ExitCodes.Usage);

                        var command = result.GetValue(notify);
                        if (Console.IsOutputRedirected && string.IsNullOrWhiteSpace(command))
                        {
                            return CommandRunner.Fail(
                                context,
                                "The board needs a terminal, and stdout is not one. Use --once for a snapshot, or --notify CMD "
                                    + "to run CMD when a peer needs you without drawing the board.",
                                "usage",
                                ExitCodes.Usage
                            );
                        }

                        var settings = new WatchSettings(
                            string.IsNullOrWhiteSpace(command) ? null : new NotifyCommand(command, BoardLimits.NotifyTimeout),
                            TimeSpan.FromSeconds(seconds),
                            Bell: !result.GetValue(noBell)
                        );
                        return await new LiveBoard(context, settings, board).RunAsync(ct);
                    }
                )
        );
        return command;
    }

    /// <summary>--once: the board as a table (or JSON), exit 1 when part of it could not be read.</summary>
    private static async Task<int> SnapshotAsync(CliContext context, TeamsBoard board, CancellationToken cancellationToken)
    {
        var snapshot = await board.BuildAsync(BoardLimits.RecentMessages, cancellationToken);
        if (context.Json)
            context.WriteJson(snapshot);
        else if (Console.IsOutputRedirected)
            WritePlain(context, snapshot);
        else
            context.Console.Write(BoardView.Render(context.Console, snapshot, [], context.Console.Profile.Width, height: null, live: false));
        return snapshot.Problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Error;
    }

    // Piped, the board is text for a file or a script: drawn the same, but with no colour codes and without the
    // spaces that pad each line out to the (wide) width a pipe is given.
    private static void WritePlain(CliContext context, BoardSnapshot snapshot)
    {
        using var text = new StringWriter();
        var plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
        });
        plain.Profile.Width = context.Console.Profile.Width;
        plain.Write(BoardView.Render(plain, snapshot, [], plain.Profile.Width, height: null, live: false));
        var lines = text.ToString().Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        foreach (var line in lines)
            context.Output.WriteLine(line);
    }
}
