using System.Globalization;

namespace SessionBridge.Tmux;

/// <summary>
/// What runs under a pane, read from /proc. tmux reports the foreground process group leader, which is
/// <c>bash</c> when Claude Code was started as <c>bash -c "claude; …"</c>: only a walk of the process tree
/// tells a shell prompt from Claude Code running under a shell.
/// </summary>
internal static class PaneProcesses
{
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal)
    {
        "bash", "zsh", "fish", "sh", "dash", "ksh", "mksh", "tcsh", "csh", "ash", "busybox",
    };

    public static bool IsShell(string command) => Shells.Contains(command.TrimStart('-'));

    /// <summary>Whether Claude Code (the <c>claude</c> binary, or node running its cli) runs at or under <paramref name="rootPid"/>.</summary>
    public static bool HasClaudeCode(int rootPid)
    {
        if (rootPid <= 0 || !Directory.Exists("/proc"))
            return false;

        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            var parent = ParentOf(pid);
            if (parent is null)
                continue;
            if (!children.TryGetValue(parent.Value, out var list))
                children[parent.Value] = list = [];
            list.Add(pid);
        }

        var pending = new Stack<int>([rootPid]);
        var seen = new HashSet<int>();
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if (!seen.Add(pid))
                continue;
            if (IsClaudeCode(pid))
                return true;
            if (children.TryGetValue(pid, out var list))
            {
                foreach (var child in list)
                    pending.Push(child);
            }
        }

        return false;
    }

    private static bool IsClaudeCode(int pid)
    {
        var argv = ReadCommandLine(pid);
        if (argv.Length == 0)
            return false;
        if (Path.GetFileName(argv[0]) == "claude")
            return true;
        // node …/@anthropic-ai/claude-code/cli.js
        return Path.GetFileName(argv[0]).StartsWith("node", StringComparison.Ordinal)
            && argv.Skip(1).Any(a => a.Contains("claude-code", StringComparison.Ordinal)
                || Path.GetFileName(a) == "claude");
    }

    /// <summary>A process's argv, from /proc; empty when it is gone or unreadable.</summary>
    public static IReadOnlyList<string> CommandLine(int pid) => ReadCommandLine(pid);

    private static string[] ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so parse after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            if (close < 0)
                return null;
            var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 1
                && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
                ? parent
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
