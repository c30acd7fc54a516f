using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>
/// The roles registered on the caller's own pane (the server's $TMUX_PANE on its tmux server), as that pane is now:
/// who a session is, for send's <c>from</c>, respond's decider and supervise's supervisor alike. None for a caller
/// outside tmux or in a pane without a role: a person's command line, a script. A registration of another host never
/// counts, on a team across machines: its pane id and socket path may well be the same as this one's.
/// </summary>
internal static class CallerRoles
{
    /// <summary>
    /// Pane ids start again from %0 when tmux restarts, so a registration made for another tmux server or another
    /// process in that pane is not the caller's (the same test targeting makes before it types). When tmux cannot
    /// say, the pane id and socket decide.
    /// </summary>
    /// <param name="all">The registrations as the caller already read them (null: read them now).</param>
    public static async Task<List<string>> OfAsync(
        BridgeOptions options,
        StateStore state,
        IReadOnlyList<PeerRegistration>? all,
        CancellationToken cancellationToken
    )
    {
        if (options.CallerPane is not { } pane)
            return [];
        all ??= await state.Registry.AllAsync(cancellationToken);
        var here = all.Where(p => p.Pane == pane && p.Socket == options.CallerSocket && state.IsLocal(p)).ToList();
        if (here.Count == 0)
            return [];
        var probe = await PaneTargeting.InspectAsync(options.Tmux(options.CallerSocket), pane, cancellationToken);
        return here.Where(p => probe.Pane is not { } live || !PaneTargeting.IsReplaced(p, live)).Select(p => p.Role).ToList();
    }
}
