namespace SessionBridge.Errors;

/// <summary>tmux could not be run, timed out, or refused a command.</summary>
/// <param name="NotInstalled">tmux itself could not be started: no pane can be reached, so nothing about one may be concluded.</param>
internal sealed class TmuxException(string message, Exception? inner = null, bool notInstalled = false)
    : SessionBridgeException(ErrorCode.Tmux, message, inner)
{
    public bool NotInstalled { get; } = notInstalled;

    /// <summary>tmux is not on PATH: says so and how to get it, in words (the runtime's own message stays the inner exception's).</summary>
    public static TmuxException Missing(Exception inner) =>
        new("tmux is not installed or not on PATH. Install it (apt-get install tmux, brew install tmux).", inner, notInstalled: true);
}
