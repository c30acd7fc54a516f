namespace SessionBridge.Errors;

/// <summary>tmux could not be run, timed out, or refused a command.</summary>
internal sealed class TmuxException(string message, Exception? inner = null)
    : SessionBridgeException(ErrorCode.Tmux, message, inner);
