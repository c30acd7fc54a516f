namespace SessionBridge.State;

/// <summary>
/// A held message given to a session as context (SessionStart's): which session, in which pane, and when. It is
/// delivered once a turn of that session carries it; it is held again if that session ends first.
/// </summary>
/// <param name="SessionId">Claude Code's session id, when the hook was told it.</param>
internal sealed record Handover(string? SessionId, string Pane, DateTimeOffset At)
{
    /// <summary>Whether a hook of <paramref name="sessionId"/> in <paramref name="pane"/> is this session's: by id when both are known, else by pane.</summary>
    public bool Is(string? sessionId, string pane) =>
        SessionId is not null && sessionId is not null ? SessionId == sessionId : Pane == pane;
}
