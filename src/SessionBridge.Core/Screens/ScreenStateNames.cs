namespace SessionBridge.Screens;

internal static class ScreenStateNames
{
    public static string ToWireName(this ScreenState s) => s switch
    {
        ScreenState.Busy => "busy",
        ScreenState.WaitingSelect => "waiting_select",
        ScreenState.WaitingText => "waiting_text",
        ScreenState.Idle => "idle",
        _ => "unknown",
    };
}
