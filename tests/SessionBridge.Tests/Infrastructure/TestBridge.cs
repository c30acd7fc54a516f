using SessionBridge.Bridge;
using SessionBridge.State;

namespace SessionBridge.Tests.Infrastructure;

/// <summary>Options for a bridge on a temporary state directory and a private tmux server.</summary>
public static class TestBridge
{
    internal static BridgeOptions Options(string stateDirectory, PrivateTmuxServer? tmux = null, string? pane = null) =>
        new()
        {
            State = new StateDirectory(stateDirectory),
            CallerSocket = tmux?.Socket,
            CallerPane = pane,
            SettleDelay = TimeSpan.FromMilliseconds(150),
            // wait_for looks at a screen that fires no hook (an interrupt, a closed pane, a fake without hooks) this
            // often: the product's 2 s is one look per 2 s for eight servers; a spec's one server can look more often,
            // so a spec waits a quarter second, not two, for what only the screen shows.
            WaitFallbackInterval = TimeSpan.FromMilliseconds(250),
        };

}
