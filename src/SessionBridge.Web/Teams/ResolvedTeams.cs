using SessionBridge.Bridge;
using SessionBridge.Server.Cli;
using SessionBridge.State;
using SessionBridge.Web.Hosting;

namespace SessionBridge.Web.Teams;

/// <summary>
/// The teams the board shows, chosen as the command line chooses in this folder (<see cref="TeamResolver"/>): --team
/// NAME, else SESSION_BRIDGE_TEAM, else the nearest folder <c>up</c> ran in or holding a session-bridge.json, else the
/// default team. With --all, every team of the state directory (as <c>watch --all</c>), listed again on each look so
/// a team started meanwhile appears.
/// </summary>
internal sealed class ResolvedTeams : IBoardTeams
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BoardTeam> _teams = new(StringComparer.Ordinal);
    private readonly BridgeOptions _options;
    private readonly bool _all;

    private ResolvedTeams(BridgeOptions options, bool all)
    {
        _options = options;
        _all = all;
        _teams[options.State.Team] = new BoardTeam(options.State.Team, new UseCases(options));
    }

    public IReadOnlyList<BoardTeam> Teams
    {
        get
        {
            lock (_gate)
            {
                if (_all)
                {
                    foreach (var name in TeamResolver.All(_options.State).Where(n => !_teams.ContainsKey(n)))
                        _teams[name] = new BoardTeam(name, new UseCases(_options with { State = _options.State.ForTeam(name) }));
                }

                return [.. _teams.Values.OrderBy(t => t.Name, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The teams for <paramref name="arguments"/>, resolved from <paramref name="folder"/> (the working directory).</summary>
    /// <exception cref="BridgeException">--team names no valid team.</exception>
    public static ResolvedTeams Open(WebArguments arguments, Func<string, string?> getVariable, string folder)
    {
        if (arguments.Team is { } given && !TeamName.IsValid(given.Trim()))
            throw new BridgeException($"The team name \"{given}\" is not valid: it must be {TeamName.Rule}.");
        var settings = BridgeSettings.Read(getVariable);
        if (arguments.Team is { } team)
            settings = settings with { Team = team.Trim() };
        // The board acts as the person, wherever it was started: never as a role registered on the pane it runs in.
        var options = BridgeOptions.From(settings, folder) with { CallerPane = null, CallerSocket = null, Words = CliWording.Instance };
        return new ResolvedTeams(options, arguments.All);
    }

    /// <summary>The team named <paramref name="name"/>; with none, the team this folder acts on.</summary>
    public BoardTeam? Find(string? name)
    {
        var teams = Teams;
        return teams.FirstOrDefault(t => t.Name == (name ?? _options.State.Team));
    }

    public async ValueTask DisposeAsync()
    {
        List<BoardTeam> teams;
        lock (_gate)
            teams = [.. _teams.Values];
        foreach (var team in teams)
            await team.DisposeAsync();
    }
}
