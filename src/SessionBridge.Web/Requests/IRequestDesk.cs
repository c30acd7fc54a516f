using SessionBridge.Bridge.Results;
using SessionBridge.Web.Teams;

namespace SessionBridge.Web.Requests;

/// <summary>
/// The seam where the board lists what waits for a decision and answers it as <c>person</c>
/// (<see cref="PersonRequestDesk"/>).
/// </summary>
internal interface IRequestDesk
{
    /// <summary>The team's pending requests, oldest first, each with the exact input Claude Code gave its hook.</summary>
    Task<IReadOnlyList<WebRequest>> PendingAsync(BoardTeam team, CancellationToken cancellationToken);

    /// <summary>Answers as <c>person</c>, through the same path as <c>session-bridge respond</c>.</summary>
    Task<RespondResult> AnswerAsync(BoardTeam team, WebAnswer answer, CancellationToken cancellationToken);
}
