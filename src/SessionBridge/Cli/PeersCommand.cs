using System.CommandLine;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

internal static class PeersCommand
{
    public static Command Create(CliContext context)
    {
        var json = CommonOptions.Json();
        var all = new Option<bool>("--all") { Description = "List every team on this machine, not only this folder's." };
        var command = new Command("peers", "List the registered roles of this folder's team: pane, working directory, live state, last seen.")
        {
            json, all,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var peers = result.GetValue(all) ? await EveryTeamAsync(context, ct) : await context.Bridge.Roster.ListPeersAsync(ct);
            if (result.GetValue(json))
            {
                context.WriteJson(peers);
                return ExitCodes.Ok;
            }

            if (peers.Peers.Count == 0)
            {
                context.Console.MarkupLine("No role is registered. In a Claude Code session, ask it to register as a role (register(\"dev\")), or run [bold]session-bridge register dev[/] in its pane.");
                return ExitCodes.Ok;
            }

            // A team across machines: which host each pane is on (one machine needs no such column).
            var hosts = peers.Peers.Any(p => p.Host is not null);
            var table = new Table().AddColumns(hosts ? ["team", "role", "host", "pane", "state", "supervisor", "cwd", "last seen"] : ["team", "role", "pane", "state", "supervisor", "cwd", "last seen"]);
            foreach (var peer in peers.Peers)
            {
                var cells = new List<string>
                {
                    Markup.Escape(peer.Team ?? ""),
                    $"[{Styles.ForRole(peer.Role).ToMarkup()}]{Markup.Escape(peer.Role)}[/]",
                };
                if (hosts)
                    cells.Add(Markup.Escape(peer.Host ?? ""));
                cells.AddRange(
                [
                    Markup.Escape(peer.Pane),
                    Styles.State(peer.State),
                    Markup.Escape(peer.Supervisor ?? ""),
                    Markup.Escape(peer.Cwd ?? ""),
                    Markup.Escape(peer.LastSeen.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
                ]);
                table.AddRow(cells.ToArray());
            }

            context.Console.Write(table);
            foreach (var peer in peers.Peers.Where(p => p.Problem is not null))
                context.Console.MarkupLineInterpolated($"[red]{peer.Role}:[/] {peer.Problem}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Every team with a folder under the state directory's teams/, and this folder's (the NATS team, on NATS: the
    /// other teams of a NATS server are not listed here).
    /// </summary>
    private static async Task<Bridge.Results.ListPeersResult> EveryTeamAsync(CliContext context, CancellationToken ct)
    {
        var options = context.Options;
        var teams = State.TeamResolver.All(options.State).Append(options.State.Team).Distinct().Order(StringComparer.Ordinal);
        var peers = new List<Bridge.Results.PeerView>();
        foreach (var team in teams)
        {
            if (team == options.State.Team)
            {
                peers.AddRange((await context.Bridge.Roster.ListPeersAsync(ct)).Peers);
                continue;
            }

            await using var other = new Bridge.UseCases(options with { State = options.State.ForTeam(team) }, context.Clock);
            peers.AddRange((await other.Roster.ListPeersAsync(ct)).Peers);
        }

        return new Bridge.Results.ListPeersResult(peers);
    }
}
