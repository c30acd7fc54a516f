using System.Globalization;
using SessionBridge.Bridge;
using SessionBridge.Server.Cli.Board;
using SessionBridge.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SessionBridge.Server.Cli;

/// <summary>
/// The board as a person sees it: a title, banners for what could not be read, a row per role, what the waiting
/// peers ask, then the last lines of the conversation coloured by sender. Drawn to fit the terminal: the rows
/// first, the conversation gets the lines left over.
/// </summary>
internal static class BoardView
{
    /// <param name="height">The lines the board may take (the live board); null to print a snapshot with <see cref="BoardLimits.RecentMessages"/> lines.</param>
    public static IRenderable Render(
        IAnsiConsole console,
        BoardSnapshot snapshot,
        IReadOnlyList<string> notices,
        int width,
        int? height,
        bool live
    )
    {
        var top = new List<IRenderable> { Title(snapshot, live) };
        top.AddRange(snapshot.Problems.Select(Banner));
        top.Add(Peers(snapshot, live));
        top.AddRange(Questions(snapshot));
        var bottom = notices.Select(n => (IRenderable)Line($"[yellow]{Markup.Escape(n)}[/]")).ToList();

        var recent = snapshot.Recent;
        if (height is { } lines)
        {
            var options = RenderOptions.Create(console, console.Profile.Capabilities);
            var used = top.Concat(bottom).Sum(r => Segment.SplitLines(r.Render(options, width)).Count);
            // One line for the rule, one spare so the last line never scrolls the terminal.
            var room = Math.Max(0, lines - used - 2);
            recent = recent.TakeLast(room).ToList();
        }

        var board = new List<IRenderable>(top);
        if (recent.Count > 0)
        {
            board.Add(new Rule("[grey]conversation[/]") { Justification = Justify.Left, Style = new Style(Color.Grey) });
            board.AddRange(recent.Select(Message));
        }

        board.AddRange(bottom);
        return new Rows(board);
    }

    private static ClippedLines Title(BoardSnapshot snapshot, bool live)
    {
        var time = snapshot.TakenAt.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var waiting = snapshot.Waiting.Count();
        var count = snapshot.Peers.Count == 1 ? "1 peer" : $"{snapshot.Peers.Count} peers";
        var team = snapshot.Team is { } one ? $"team {Markup.Escape(one)}" : "every team";
        var title = $"[bold]session-bridge[/] · {team} · {count}";
        if (waiting > 0)
            title += $" · [fuchsia]{waiting} waiting for you[/]";
        title += $" · [grey]{time}[/]";
        if (live)
            title += " · [grey]q quits[/]";
        return Line(title);
    }

    private static Markup Banner(string problem) => new($"[white on red] ! [/] [red]{Markup.Escape(problem)}[/]");

    private static IRenderable Peers(BoardSnapshot snapshot, bool live)
    {
        if (!snapshot.StateDirectoryExists)
        {
            return new Markup(
                $"[yellow]No peers:[/] {Markup.Escape(snapshot.StateDirectory)} does not exist yet."
                    + (live ? " Waiting for the first session to register…" : "")
            );
        }

        if (snapshot.Peers.Count == 0 && snapshot.Problems.Count > 0)
            return Text.Empty;

        if (snapshot.Peers.Count == 0)
        {
            return new Markup(
                "[yellow]No peers.[/] In a Claude Code session, ask it to register as a role (register(\"dev\")), or run "
                    + "[bold]session-bridge register dev[/] in its pane."
                    + (live ? " Waiting…" : "")
            );
        }

        var table = new Table { Border = TableBorder.Simple };
        table.AddColumn(new TableColumn("role") { NoWrap = true });
        table.AddColumn(new TableColumn("pane") { NoWrap = true });
        table.AddColumn(new TableColumn("state") { NoWrap = true });
        table.AddColumn(new TableColumn("unread") { NoWrap = true, Alignment = Justify.Right });
        table.AddColumn(new TableColumn("held") { NoWrap = true, Alignment = Justify.Right });
        table.AddColumn(new TableColumn(Line("last message · answer")));
        foreach (var peer in snapshot.Peers)
        {
            table.AddRow(
                Line(
                    (snapshot.Team is null && peer.Team is { } team ? $"[grey]{Markup.Escape(team)}/[/]" : "")
                        + $"[{Styles.ForRole(peer.Role).ToMarkup()}]{Markup.Escape(peer.Role)}[/]"
                        + (peer.Supervisor is { } supervisor ? $"\n[grey]by {Markup.Escape(supervisor)}[/]" : "")
                ),
                // Across machines the pane is named with its host: %3 on two hosts are two panes.
                new Markup(Markup.Escape(peer.Host is null ? peer.Pane : $"{peer.Host}:{peer.Pane}")),
                new Markup(
                    $"{Styles.State(peer.State)}\n[grey]{Elapsed(snapshot.TakenAt - peer.StateSince)} · "
                        + $"{peer.StateSource.ToWireName()}[/]"
                ),
                new Markup(peer.Unread == 0 ? "[grey]0[/]" : $"[bold yellow]{peer.Unread}[/]"),
                new Markup(peer.Held == 0 ? "[grey]0[/]" : $"[bold red]{peer.Held}[/]"),
                new ClippedLines(LastMessage(peer) + "\n" + LastAnswer(peer))
            );
        }

        return table;
    }

    /// <summary>What each waiting peer asks, and a menu's options with the cursor on one.</summary>
    private static IEnumerable<IRenderable> Questions(BoardSnapshot snapshot)
    {
        foreach (var peer in snapshot.Waiting)
        {
            var asks = peer.Question ?? peer.Heading ?? "(the question is not on its screen)";
            yield return new Markup(
                $"[fuchsia]?[/] [{Styles.ForRole(peer.Role).ToMarkup()}]{Markup.Escape(peer.Role)}[/] "
                    + $"[grey]({Markup.Escape(peer.Pane)})[/] asks: {Markup.Escape(asks)}"
            );
            if (peer.Request is { } request)
            {
                yield return new Padder(
                    new ClippedLines(
                        $"[grey]request {Markup.Escape(request.Id)}:[/] {Markup.Escape(request.Tool)} {Markup.Escape(request.Subject)} "
                            + $"[grey]· {Markup.Escape(request.Supervisor)} decides[/]"
                    ),
                    new Padding(2, 0, 0, 0)
                );
            }
            if (peer.Options is { Count: > 0 } options)
            {
                // One cell per option: a narrow pane breaks between options, never inside one.
                var choices = options.Select(o =>
                    new ClippedLines(
                        (o.Selected ? "[fuchsia]❯[/] " : "  ") + (o.Number is { } n ? $"{n}. " : "") + Markup.Escape(o.Label)
                    )
                );
                yield return new Padder(new Columns(choices) { Expand = false, Padding = new Padding(0, 0, 2, 0) }, new Padding(2, 0, 0, 0));
            }
        }
    }

    private static string LastMessage(BoardPeer peer)
    {
        if (peer.LastMessage is not { } message)
            return "[grey]no message yet[/]";
        var other = message.From == peer.Role ? message.To : message.From;
        var arrow = message.From == peer.Role ? "→" : "←";
        return $"{arrow} [{Styles.ForRole(other).ToMarkup()}]{Markup.Escape(other)}[/]: {Markup.Escape(FirstLine(message.Text))}";
    }

    private static string LastAnswer(BoardPeer peer) =>
        peer.LastAnswer is { } answer ? $"[grey]» {Markup.Escape(FirstLine(answer))}[/]" : "[grey]» no answer recorded[/]";

    private static ClippedLines Message(MessageRecord message)
    {
        var time = message.Ts.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var from = Styles.ForRole(message.From).ToMarkup();
        var to = Styles.ForRole(message.To).ToMarkup();
        return Line(
            $"[grey]{time}[/] [{from}]{Markup.Escape(message.From)}[/] → [{to}]{Markup.Escape(message.To)}[/] "
                + $"[{from}]{Markup.Escape(FirstLine(message.Text))}[/]"
        );
    }

    /// <summary>One line, cut with an ellipsis where it does not fit.</summary>
    private static ClippedLines Line(string markup) => new(markup);

    private static string FirstLine(string text)
    {
        var trimmed = text.TrimStart();
        var end = trimmed.IndexOf('\n');
        return (end < 0 ? trimmed : trimmed[..end] + " …").TrimEnd();
    }

    /// <summary>45s, 3m12s, 2h05m, 3d04h: how long a state has held, at a glance.</summary>
    internal static string Elapsed(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
            elapsed = TimeSpan.Zero;
        return elapsed.TotalSeconds < 60 ? $"{(int)elapsed.TotalSeconds}s"
            : elapsed.TotalMinutes < 60 ? $"{(int)elapsed.TotalMinutes}m{elapsed.Seconds:00}s"
            : elapsed.TotalHours < 24 ? $"{(int)elapsed.TotalHours}h{elapsed.Minutes:00}m"
            : $"{(int)elapsed.TotalDays}d{elapsed.Hours:00}h";
    }
}
