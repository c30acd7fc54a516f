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
        };

}
