using System.Diagnostics;
using SessionBridge.Bridge;
using SessionBridge.Startup;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Hook;

/// <summary>
/// Hands over the messages held for this pane's role (SPEC §6): as additionalContext on PostToolUse (mid-turn),
/// UserPromptSubmit (with the human's own prompt) and SessionStart (after /clear or a restart); on Stop, and
/// for slash commands, it starts a detached <c>session-bridge deliver-held</c> that types them once the prompt
/// is free. Costs one directory listing when nothing is held.
/// </summary>
internal static class HeldHook
{
    /// <summary>The context to add for this event, or null.</summary>
    public static string? Run(HookInput input, string pane, Func<string, string?> environment, int room, TimeProvider clock)
    {
        DeliveredVia? via = input.HookEventName switch
        {
            "PostToolUse" => DeliveredVia.PostToolUse,
            "UserPromptSubmit" => DeliveredVia.UserPromptSubmit,
            "SessionStart" => DeliveredVia.SessionStart,
            "Stop" => null,
            _ => null,
        };
        if (via is null && input.HookEventName != "Stop")
            return null;

        var state = new StateStore(StateDirectory.FromEnvironment(environment), LockWait, clock);
        if (!Directory.Exists(state.Directory.HeldDirectory))
            return null;
        var socket = TmuxSocket.FromTmuxVariable(environment("TMUX"));
        if (HeldHandover.RoleWithHeld(state, pane, socket, () => LivePane.Find(pane, environment)) is not { } role)
            return null;

        string? context = null;
        if (via is { } how)
            context = HeldHandover.Claim(state, role, how, room, clock.GetUtcNow());

        // Stop: the turn ended, the prompt is about to be free. SessionStart: a slash command or what did not fit.
        if (input.HookEventName is "Stop" or "SessionStart" && HeldHandover.AnyLeft(state, role))
            StartDeliverer(pane, environment);
        return context;
    }

    // A handover waits on the mailbox lock at most this long: hooks must stay quick.
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Starts <c>session-bridge deliver-held</c> detached (its own session, no stdio of ours), so Claude Code
    /// does not wait for it: sh backgrounds it and exits at once. The binary is beside this one unless
    /// <c>SESSION_BRIDGE_CLI</c> names it.
    /// </summary>
    private static void StartDeliverer(string pane, Func<string, string?> environment)
    {
        var cli = environment("SESSION_BRIDGE_CLI") is { Length: > 0 } named ? named : Path.Combine(AppContext.BaseDirectory, "session-bridge");
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
            "if command -v setsid >/dev/null 2>&1; then setsid \"$0\" deliver-held --pane \"$1\" </dev/null >/dev/null 2>&1 & "
                + "else \"$0\" deliver-held --pane \"$1\" </dev/null >/dev/null 2>&1 & fi"
        );
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add(pane);
        using var shell = Process.Start(start);
        shell?.WaitForExit(1000);
    }
}
