namespace SessionBridge.Processes;

/// <summary>
/// The one reader of the process tree: who is whose parent, and with what arguments each runs. Two sources say the
/// same thing: /proc where it exists (Linux: read a file per question, nothing started) and
/// <c>ps -A -o pid=,ppid=,args=</c> elsewhere (macOS, the BSDs: one snapshot, the same columns on every ps).
/// </summary>
internal abstract class ProcessTable
{
    // Far deeper than any real chain (a hook is three or four steps below its pane); a cycle in a racy snapshot ends here.
    private const int MaxDepth = 64;

    /// <summary>The parent of <paramref name="pid"/>, or null when it is gone or cannot be read.</summary>
    public abstract int? ParentOf(int pid);

    /// <summary>The arguments <paramref name="pid"/> runs with (the program first); none when it is gone or unreadable.</summary>
    public abstract IReadOnlyList<string> ArgumentsOf(int pid);

    /// <summary>The processes whose parent is <paramref name="pid"/>.</summary>
    public abstract IReadOnlyList<int> ChildrenOf(int pid);

    /// <summary>/proc where this machine has it, else a ps snapshot: what the product uses.</summary>
    public static async Task<ProcessTable> ReadAsync(CancellationToken cancellationToken) =>
        ProcFileSystemTable.IsAvailable ? new ProcFileSystemTable() : await PsOutputTable.RunAsync(cancellationToken);

    /// <summary>Whether <paramref name="pid"/> runs now: one look, no table (/proc where it exists, else the system's own call).</summary>
    public static bool IsRunning(int pid)
    {
        if (pid <= 0)
            return false;
        if (ProcFileSystemTable.IsAvailable)
            return Directory.Exists($"/proc/{pid}");
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// The ancestor of <paramref name="pid"/> (or <paramref name="pid"/> itself) whose parent is
    /// <paramref name="top"/>; null when <paramref name="pid"/> is not below <paramref name="top"/>.
    /// </summary>
    public int? AncestorBelow(int pid, int top)
    {
        for (var depth = 0; depth < MaxDepth && pid > 1; depth++)
        {
            if (ParentOf(pid) is not { } parent)
                return null;
            if (parent == top)
                return pid;
            pid = parent;
        }

        return null;
    }

    /// <summary><paramref name="pid"/>'s parent, its parent, and so on up to (not past) pid 1.</summary>
    public IReadOnlyList<int> Ancestors(int pid)
    {
        var chain = new List<int>();
        for (var depth = 0; depth < MaxDepth && pid > 1 && ParentOf(pid) is { } parent; depth++)
        {
            chain.Add(parent);
            pid = parent;
        }

        return chain;
    }

    /// <summary>Whether a process at or under <paramref name="root"/> runs with arguments <paramref name="match"/> takes.</summary>
    public bool AnyInTree(int root, Func<IReadOnlyList<string>, bool> match)
    {
        if (root <= 0)
            return false;
        var pending = new Stack<int>([root]);
        var seen = new HashSet<int>();
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if (!seen.Add(pid))
                continue;
            if (match(ArgumentsOf(pid)))
                return true;
            foreach (var child in ChildrenOf(pid))
                pending.Push(child);
        }

        return false;
    }
}
