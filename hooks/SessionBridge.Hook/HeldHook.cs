using System.Diagnostics;
using SessionBridge.Bridge;
using SessionBridge.Held;
using SessionBridge.State;

namespace SessionBridge.Hook;

/// <summary>
/// The hook's side of held messages (<see cref="HeldHandover"/> decides): finds the state and the tmux server
/// from the environment, and starts <c>session-bridge deliver-held</c> when the handover asks for it.
/// </summary>
internal static class HeldHook
{
    /// <summary>The context to add for this event, or null.</summary>
    public static async Task<string?> RunAsync(
        StateStore state,
        HookInput input,
        HookPane pane,
        BridgeSettings settings,
        int room,
        TimeProvider clock,
        CancellationToken cancellationToken
    )
    {
        var outcome = await HeldHandover.OnHookAsync(
            state,
            input,
            pane.Id,
            pane.Socket,
            pane.LiveAsync,
            id => InTranscript(input.TranscriptPath, id),
            room,
            clock.GetUtcNow(),
            cancellationToken
        );
        if (outcome.StartDeliverer)
            await StartDelivererAsync(pane.Id, state.Directory.Team, settings, cancellationToken);
        return outcome.Context;
    }

    /// <summary>
    /// Whether the session's transcript already holds <paramref name="id"/>: asked only when a session that was
    /// handed a message starts again with the same id (a resume), so read whole, line by line. Unreadable counts as no.
    /// </summary>
    private static bool InTranscript(string? path, string id)
    {
        try
        {
            return path is { Length: > 0 } && File.Exists(path) && File.ReadLines(path).Any(line => line.Contains(id, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Starts <c>session-bridge deliver-held</c> detached (its own session, no stdio of ours), so Claude Code
    /// does not wait for it: sh backgrounds it and exits at once. The binary is beside this one unless
    /// <c>SESSION_BRIDGE_CLI</c> names it. It acts for <paramref name="team"/>, the team this hook resolved.
    /// </summary>
    internal static async Task StartDelivererAsync(string pane, string team, BridgeSettings settings, CancellationToken cancellationToken)
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
        start.Environment[TeamName.Variable] = team;
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
        if (shell is null)
            return;
        // sh exits as soon as it has backgrounded the deliverer: a second is far more than it takes.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await shell.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Left to finish on its own: the deliverer is started either way.
        }
    }
}
