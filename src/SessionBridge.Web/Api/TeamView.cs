using SessionBridge.Server.Cli.Board;
using SessionBridge.State;
using SessionBridge.Web.Requests;

namespace SessionBridge.Web.Api;

/// <summary>
/// GET /api/team: the fields of <c>session-bridge watch --once --json</c>, and beside them the team's name and its
/// pending requests with their exact input.
/// </summary>
internal sealed record TeamView(
    DateTimeOffset TakenAt,
    string StateDirectory,
    bool StateDirectoryExists,
    IReadOnlyList<BoardPeer> Peers,
    IReadOnlyList<MessageRecord> Recent,
    IReadOnlyList<string> Problems,
    string Team,
    IReadOnlyList<WebRequest> Requests
)
{
    public static TeamView Of(string team, BoardSnapshot snapshot, IReadOnlyList<WebRequest> requests) =>
        new(snapshot.TakenAt, snapshot.StateDirectory, snapshot.StateDirectoryExists, snapshot.Peers, snapshot.Recent, snapshot.Problems, team, requests);
}
