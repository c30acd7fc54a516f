using SessionBridge.Bridge;
using SessionBridge.Server.Cli;
using SessionBridge.Team;
using SessionBridge.Web.Hosting;

namespace SessionBridge.Web.Teams;

/// <summary>
/// Today's teams: the state directory (SESSION_BRIDGE_DIR) holds one. Its name is --team NAME, else
/// SESSION_BRIDGE_TEAM, else the name <c>up</c> gives a team started in this folder. --all shows that one team.
/// </summary>
internal sealed class StateDirectoryTeams : IBoardTeams
{
    public const string TeamVariable = "SESSION_BRIDGE_TEAM";

    private StateDirectoryTeams(BoardTeam team) => Teams = [team];

    public IReadOnlyList<BoardTeam> Teams { get; }

    public static StateDirectoryTeams Open(WebArguments arguments, Func<string, string?> getVariable)
    {
        // The board acts as the person, wherever it was started: never as a role registered on the pane it runs in.
        var options = BridgeOptions.FromEnvironment(getVariable) with { CallerPane = null, CallerSocket = null, Words = CliWording.Instance };
        var name = arguments.Team
            ?? (getVariable(TeamVariable) is { Length: > 0 } set ? set : TeamFile.SessionName(Directory.GetCurrentDirectory()));
        return new StateDirectoryTeams(new BoardTeam(name, new UseCases(options)));
    }

    public BoardTeam? Find(string? name) => name is null ? Teams[0] : Teams.FirstOrDefault(t => t.Name == name);

    public async ValueTask DisposeAsync()
    {
        foreach (var team in Teams)
            await team.DisposeAsync();
    }
}
