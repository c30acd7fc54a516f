namespace SessionBridge.Team;

/// <summary>One role as <c>session-bridge up</c> leaves it (a row of its table, an element of its JSON).</summary>
/// <param name="Pane">The role's pane ("%3"), or null when none was made.</param>
/// <param name="State">What its screen shows (idle, busy, waiting_select…), or <c>dead</c>/<c>gone</c>, named as list_peers names a peer's state.</param>
/// <param name="SessionId">The Claude Code session id recorded for the role.</param>
/// <param name="Detail">For failed, why; for waiting, the dialog's question; otherwise a note (e.g. resuming failed).</param>
/// <param name="Answer">For waiting: the exact way to answer the dialog.</param>
internal sealed record RoleOutcome(
    string Role,
    string? Pane,
    ListedState State,
    string? SessionId,
    LaunchAction Action,
    string? Detail = null,
    string? Answer = null
)
{
    public bool Ready => Action is LaunchAction.Started or LaunchAction.Resumed or LaunchAction.Kept;
}
