using SessionBridge.Startup;
using SessionBridge.State;

namespace SessionBridge.Hook;

/// <summary>
/// SessionStart's restore: find the role registered for <c>$TMUX_PANE</c> on this tmux server, and give its
/// briefing as additionalContext. Anything it cannot use (no registration, no prompt, unreadable state)
/// means no briefing: a session start is never blocked.
/// </summary>
internal static class SessionStartHook
{
    public static async Task<string?> BriefingAsync(
        StateStore state,
        HookInput input,
        HookPane pane,
        CancellationToken cancellationToken
    )
    {
        if (input.Event is not (null or HookEventName.SessionStart))
            return null;

        if (!Directory.Exists(state.Directory.Root))
            return null;

        return await SessionStartContext.BuildAsync(
            state,
            pane.Id,
            pane.Socket,
            input.Source,
            await pane.LiveAsync(cancellationToken),
            cancellationToken
        );
    }
}
