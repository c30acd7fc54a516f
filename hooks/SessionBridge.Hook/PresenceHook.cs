using System.Globalization;
using SessionBridge.Bridge;
using SessionBridge.State;

namespace SessionBridge.Hook;

/// <summary>
/// Records the pane's presence for every Claude Code event: what the event means for the
/// pane's state, written to presence/ for the server's list_peers, detect_question and wait_for.
/// Outside tmux, or when this process is not under the pane's tmux server, it records nothing.
/// </summary>
internal static class PresenceHook
{
    // Hooks for one event run in parallel and each holds the lock for well under a millisecond.
    public static async Task RecordAsync(
        HookInput input,
        HookPane pane,
        BridgeSettings settings,
        TimeProvider clock,
        CancellationToken cancellationToken
    )
    {
        if (input.Event is not { } name)
            return;
        if (await pane.LiveAsync(cancellationToken) is not { } identity)
            return;

        var directory = new StateDirectory(settings.StateDirectory);
        // The state directory is session-bridge's to create (0700, on first use): a hook never makes it.
        if (!Directory.Exists(directory.Root))
            return;

        var answer = input.LastAssistantMessage;
        if (answer is null && input.Cut && name == HookEventName.Stop)
            answer = string.Create(CultureInfo.InvariantCulture, $"[The answer was too long to read here (its event was over {HookStdin.MaxInput:N0} bytes); it is in the session's transcript.]");
        var hook = input with { LastAssistantMessage = answer };

        await new PresenceStore(directory).UpdateAsync(
            identity,
            current => PresenceTransitions.Apply(current, hook, identity, clock.GetUtcNow()),
            Timings.HookPresenceLockWait,
            cancellationToken
        );
    }
}
