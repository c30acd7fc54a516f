namespace SessionBridge.Tmux;

/// <summary>The tmux server a process lives in: the first comma field of <c>$TMUX</c> ("/tmp/tmux-0/default,123,0").</summary>
internal static class TmuxSocket
{
    public static string? FromTmuxVariable(string? tmux)
    {
        if (string.IsNullOrWhiteSpace(tmux))
            return null;
        var socket = tmux.Split(',')[0].Trim();
        return socket.Length == 0 ? null : socket;
    }
}
