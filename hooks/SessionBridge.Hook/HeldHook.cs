using System.Diagnostics;
using SessionBridge.Bridge;
using SessionBridge.Held;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Hook;

/// <summary>
/// The hook's side of held messages (<see cref="HeldHandover"/> decides): finds the state and the tmux server
/// from the environment, and starts <c>session-bridge deliver-held</c> when the handover asks for it.
/// </summary>
internal static class HeldHook
{
    /// <summary>The context to add for this event, or null.</summary>
    public static string? Run(HookInput input, string pane, BridgeSettings settings, int room, TimeProvider clock)
    {
        var environment = settings.Variables;
        var state = StateStore.Open(HookTeam.Directory(settings, input), Timings.HookLockWait, clock, environment);
        var socket = TmuxSocket.FromTmuxVariable(environment("TMUX"));
        var outcome = HeldHandover.OnHook(state, input.Event, pane, socket, () => LivePane.Find(pane, environment), room, clock.GetUtcNow());
        if (outcome.StartDeliverer)
            StartDeliverer(pane, settings);
        return outcome.Context;
    }

    // A handover waits on the mailbox lock at most this long: hooks must stay quick.
    /// <summary>
    /// Starts <c>session-bridge deliver-held</c> detached (its own session, no stdio of ours), so Claude Code
    /// does not wait for it: sh backgrounds it and exits at once. The binary is beside this one unless
    /// <c>SESSION_BRIDGE_CLI</c> names it.
    /// </summary>
    internal static void StartDeliverer(string pane, BridgeSettings settings)
    {
        var cli = settings.Cli ?? Path.Combine(AppContext.BaseDirectory, "session-bridge");
        if (!File.Exists(cli))
            return;
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(
            "if command -v setsid >/dev/null 2>&1; then setsid \"$0\" \"$1\" \"$2\" \"$3\" </dev/null >/dev/null 2>&1 & "
                + "else \"$0\" \"$1\" \"$2\" \"$3\" </dev/null >/dev/null 2>&1 & fi"
        );
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add(DeliverHeld.Command);
        start.ArgumentList.Add(DeliverHeld.PaneOption);
        start.ArgumentList.Add(pane);
        using var shell = Process.Start(start);
        shell?.WaitForExit(1000);
    }
}
