namespace SessionBridge.Domain;

/// <summary>Where a <see cref="ListedState"/> comes from, and what it asks of a person.</summary>
internal static class ListedStates
{
    public static ListedState ToListedState(this ScreenState state) =>
        state switch
        {
            ScreenState.Busy => ListedState.Busy,
            ScreenState.WaitingSelect => ListedState.WaitingSelect,
            ScreenState.WaitingText => ListedState.WaitingText,
            ScreenState.Idle => ListedState.Idle,
            _ => ListedState.Unknown,
        };

    /// <summary>A lost pane's status (<see cref="PaneStatusExtensions.IsLost"/>), or an unreachable host's; any other is not a state.</summary>
    public static ListedState ToListedState(this PaneStatus status) =>
        status switch
        {
            PaneStatus.Gone => ListedState.Gone,
            PaneStatus.Stale => ListedState.Stale,
            PaneStatus.Dead => ListedState.Dead,
            PaneStatus.Stopped => ListedState.Stopped,
            PaneStatus.Unreachable => ListedState.Unreachable,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "only a lost pane's status is shown as its state"),
        };

    /// <summary>
    /// waiting_select and waiting_text: the peer asks something. list_peers words the hooks' waiting states
    /// (waiting_question, waiting_permission) as waiting_select too, so one test covers both sources.
    /// </summary>
    public static bool IsWaiting(this ListedState state) => state is ListedState.WaitingSelect or ListedState.WaitingText;
}
