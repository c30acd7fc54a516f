using SessionBridge.Screens;

namespace SessionBridge.Board;

/// <summary>Which peer states ask something of a person.</summary>
internal static class BoardStates
{
    /// <summary>
    /// waiting_select and waiting_text, read from a screen. When list_peers takes its state from the hook
    /// (presence), its waiting states (waiting_question, waiting_permission) belong here too.
    /// </summary>
    public static bool IsWaiting(string state) =>
        WireNames.TryParse(state, WireNamesJson.Default.ScreenState, out var screen)
        && screen is ScreenState.WaitingSelect or ScreenState.WaitingText;

    /// <summary>A menu, whose options the board shows.</summary>
    public static bool IsMenu(string state) =>
        WireNames.TryParse(state, WireNamesJson.Default.ScreenState, out var screen) && screen is ScreenState.WaitingSelect;
}
