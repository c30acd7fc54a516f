using SessionBridge.Bridge;
using SessionBridge.Startup;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Hook;

/// <summary>
/// SessionStart's restore: find the role registered for <c>$TMUX_PANE</c> on this tmux server, and give its
/// briefing as additionalContext. Anything it cannot use (no registration, no prompt, unreadable state)
/// means no briefing: a session start is never blocked.
/// </summary>
internal static class SessionStartHook
{
    public static string? Briefing(HookInput input, string pane, BridgeSettings settings, TimeProvider clock)
    {
        var environment = settings.Variables;
        if (input.Event is not (null or HookEventName.SessionStart))
            return null;

        var socket = TmuxSocket.FromTmuxVariable(environment("TMUX"));
        var state = StateStore.Open(HookTeam.Directory(settings, input), Timings.HookLockWait, clock, environment);
        if (!Directory.Exists(state.Directory.Root))
            return null;

        return SessionStartContext.Build(state, pane, socket, input.Source, LivePane.Find(pane, environment));
    }
}
