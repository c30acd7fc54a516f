namespace SessionBridge.Tmux;

/// <summary>tmux itself could not be run or did not answer in time.</summary>
internal sealed class TmuxException(string message, Exception? inner = null) : Exception(message, inner);
