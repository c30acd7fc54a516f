using System.Buffers.Text;
using System.Globalization;

namespace SessionBridge.Processes;

/// <summary>
/// The process tree as /proc tells it (Linux), read lazily: a parent costs one small read of
/// <c>/proc/&lt;pid&gt;/stat</c>, so the hook's walk up to its pane reads three or four files and starts nothing.
/// Children need every process's parent: that listing is made once, on the first question about children.
/// </summary>
internal sealed class ProcFileSystemTable : ProcessTable
{
    private Dictionary<int, List<int>>? _children;

    /// <summary>Whether this machine has a /proc to read (Linux does; macOS does not).</summary>
    public static bool IsAvailable => File.Exists("/proc/self/stat");

    public override int? ParentOf(int pid)
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

    public override IReadOnlyList<string> ArgumentsOf(int pid)
    {
        try
        {
            // NUL-separated argv; empty for kernel threads and zombies.
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public override IReadOnlyList<int> ChildrenOf(int pid) =>
        (_children ??= ReadChildren()).TryGetValue(pid, out var list) ? list : [];

    private Dictionary<int, List<int>> ReadChildren()
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            if (ParentOf(pid) is not { } parent)
                continue;
            if (!children.TryGetValue(parent, out var list))
                children[parent] = list = [];
            list.Add(pid);
        }

        return children;
    }
}
