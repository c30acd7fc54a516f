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
    public static string? Briefing(HookInput input, string pane, Func<string, string?> environment, TimeProvider clock, IRemoteStore? remote)
    {
        if (input.Event is not (null or HookEventName.SessionStart))
            return null;

        var socket = TmuxSocket.FromTmuxVariable(environment("TMUX"));
        var state = StateStore.Open(StateDirectory.FromEnvironment(environment), TimeSpan.FromSeconds(2), clock, environment, remote);
        if (!Directory.Exists(state.Directory.Root))
            return null;

        return SessionStartContext.Build(state, pane, socket, input.Source, LivePane.Find(pane, environment));
    }
}
