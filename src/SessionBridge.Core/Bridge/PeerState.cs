using SessionBridge.Screens;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>
/// A peer's state in the screen's vocabulary, and what decided it (<see cref="PeerStateReader"/>).
/// </summary>
/// <param name="Since">When the state began, as the hook recorded it; null when the screen decided (a screen has no past).</param>
/// <param name="Screen">The screen's reading: menu details always come from it.</param>
/// <param name="Presence">The pane's presence, when there is one of this pane process (for the last answer).</param>
/// <param name="RecheckAt">
/// The hook decided against what the screen shows, only because the hook spoke too recently for the screen to
/// have caught up: from this moment on the screen wins, so a waiter should look again then.
/// </param>
internal sealed record PeerState(
    ScreenState State,
    StateSource Source,
    DateTimeOffset? Since,
    ScreenReading Screen,
    Presence? Presence,
    DateTimeOffset? RecheckAt = null
);
