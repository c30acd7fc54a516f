using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Hook;

/// <summary>
/// This hook's pane, read from the environment once per run for every part of the hook: its id (<c>$TMUX_PANE</c>),
/// its tmux server's socket (<c>$TMUX</c>) and its live identity (<see cref="LivePane"/>), looked up when first asked
/// and then kept, so a run walks the process tree at most once.
/// </summary>
internal sealed class HookPane(string id, Func<string, string?> environment)
{
    private Task<PaneIdentity?>? _live;

    /// <summary>The pane id, such as %3.</summary>
    public string Id => id;

    /// <summary>The socket of the tmux server the pane is on; null outside tmux.</summary>
    public string? Socket { get; } = TmuxSocket.FromTmuxVariable(environment("TMUX"));

    /// <summary>The pane as it is now, or null when this process is not under the pane's tmux server.</summary>
    public Task<PaneIdentity?> LiveAsync(CancellationToken cancellationToken) => _live ??= LivePane.FindAsync(id, environment, cancellationToken);
}
