using System.Buffers.Text;

namespace SessionBridge.Hook;

/// <summary>
/// The pid of the pane's own process (tmux's <c>#{pane_pid}</c>), found without asking tmux: walk the
/// parent links in /proc up from this process; the ancestor whose parent is the tmux server is the pane's.
/// Claude Code runs hooks as its children (through sh), so the walk is three or four steps.
/// </summary>
internal static class PaneProcess
{
    private const int MaxDepth = 64;

    /// <returns>The pane's pid, or null when this process is not under <paramref name="serverPid"/> (or there is no /proc).</returns>
    public static int? Find(int serverPid)
    {
        if (serverPid <= 1)
            return null;
        var pid = Environment.ProcessId;
        for (var depth = 0; depth < MaxDepth && pid > 1; depth++)
        {
            var parent = ParentOf(pid);
            if (parent is null)
                return null;
            if (parent == serverPid)
                return pid;
            pid = parent.Value;
        }

        return null;
    }

    private static int? ParentOf(int pid)
    {
        Span<byte> stat = stackalloc byte[512];
        int length;
        try
        {
            using var file = File.OpenHandle($"/proc/{pid}/stat");
            length = RandomAccess.Read(file, stat, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid …": comm may hold spaces and parentheses (at most 16 bytes), so parse after the last ')'.
        var text = stat[..length];
        var close = text.LastIndexOf((byte)')');
        if (close < 0 || close + 4 >= length)
            return null;
        var rest = text[(close + 4)..]; // skip ") S "
        return Utf8Parser.TryParse(rest, out int parent, out _) ? parent : null;
    }
}
