using SessionBridge.Screens;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>
/// Hooks first, the screen as the check: the one place list_peers, detect_question and wait_for decide a
/// peer's state from its presence (what its Claude Code's hooks last recorded) and its screen.
/// <list type="bullet">
/// <item>No presence of this pane process, or a session that ended: the screen decides.</item>
/// <item>Presence and screen agree (waiting_question and waiting_permission are the screen's waiting_select):
/// the hook decides, and says since when. Idle with a question in prose on screen is waiting_text, still the
/// hook's: the hook says the turn ended, the screen what it ended on.</item>
/// <item>A screen that cannot be read (unknown) does not overrule a hook: screens change with every release.</item>
/// <item>A menu on screen that the hook did not report (slash-command menus, trust dialogs, a Claude Code
/// without PermissionRequest) is the screen's.</item>
/// <item>Otherwise they disagree on busy, idle or waiting. The screen lags the hook by a redraw, so the hook
/// wins for <see cref="BridgeOptions.HookGrace"/> after it last spoke; after that the screen wins. That is how
/// an interrupt is seen: Escape fires no hook, so presence says busy while the screen shows the prompt.</item>
/// </list>
/// </summary>
internal sealed class PeerStateReader(BridgeOptions options, TimeProvider clock)
{
    private readonly PresenceStore _presence = new(options.State, options.Warn);

    /// <summary>The pane's presence, or null (missing, or not this pane process's: warned).</summary>
    public Presence? Presence(PeerRegistration peer) => _presence.Read(peer);

    /// <summary>Decides from this pane's presence and <paramref name="screen"/> (null: it could not be captured).</summary>
    public PeerState Read(PeerRegistration peer, string? screen) =>
        Decide(Presence(peer), screen is null ? Unreadable : ScreenClassifier.Classify(screen), clock.GetUtcNow(), options.HookGrace);

    internal static PeerState Decide(Presence? presence, ScreenReading screen, DateTimeOffset now, TimeSpan grace)
    {
        var byScreen = new PeerState(screen.State, StateSource.Screen, null, screen, presence);
        if (presence is null || presence.State == PresenceState.Ended)
            return byScreen;

        var hookState = ToScreenState(presence.State);
        var byHook = byScreen with { State = hookState, Source = StateSource.Hook, Since = presence.Since };
        if (hookState == screen.State)
            return byHook;
        if (hookState == ScreenState.Idle && screen.State == ScreenState.WaitingText)
            return byHook with { State = ScreenState.WaitingText };
        if (screen.State == ScreenState.Unknown)
            return byHook;
        if (screen.State == ScreenState.WaitingSelect)
            return byScreen;

        var screenWinsAt = presence.UpdatedAt + grace;
        return now < screenWinsAt ? byHook with { RecheckAt = screenWinsAt } : byScreen;
    }

    /// <summary>The screen's vocabulary for what the hook recorded.</summary>
    public static ScreenState ToScreenState(PresenceState state) =>
        state switch
        {
            PresenceState.Busy => ScreenState.Busy,
            PresenceState.Idle => ScreenState.Idle,
            PresenceState.WaitingQuestion or PresenceState.WaitingPermission => ScreenState.WaitingSelect,
            _ => ScreenState.Unknown,
        };

    private static readonly ScreenReading Unreadable = new(ScreenState.Unknown, null, [], null, "unknown: the screen could not be captured", []);
}
