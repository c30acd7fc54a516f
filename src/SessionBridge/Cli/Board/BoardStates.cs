using SessionBridge.Screens;

namespace SessionBridge.Server.Cli.Board;

/// <summary>Which peer states ask something of a person.</summary>
internal static class BoardStates
{
    /// <summary>
    /// waiting_select and waiting_text. list_peers words the hook's waiting states (waiting_question,
    /// waiting_permission) as waiting_select too, so one test covers both sources.
    /// </summary>
    public static bool IsWaiting(string state) =>
        WireNames.TryParse(state, WireNamesJson.Default.ScreenState, out var screen)
        && screen is ScreenState.WaitingSelect or ScreenState.WaitingText;

    /// <summary>A menu, whose options the board shows.</summary>
    public static bool IsMenu(string state) =>
        WireNames.TryParse(state, WireNamesJson.Default.ScreenState, out var screen) && screen is ScreenState.WaitingSelect;
}
