using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>
/// The roles registered on the caller's own pane (the server's $TMUX_PANE on its tmux server): who a session is.
/// None for a caller outside tmux or in a pane without a role: a person's command line, a script. A registration of
/// another host never counts: its pane id and socket path may well be the same as this one's.
/// </summary>
internal static class CallerRoles
{
    public static List<string> Of(BridgeOptions options, StateStore state) =>
        options.CallerPane is { } pane
            ? state.Registry.All().Where(p => p.Pane == pane && p.Socket == options.CallerSocket && state.IsLocal(p)).Select(p => p.Role).ToList()
            : [];
}
