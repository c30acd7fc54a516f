namespace SessionBridge.Processes;

/// <summary>
/// What runs under a pane. tmux reports the foreground process group leader, which is <c>bash</c> when Claude
/// Code was started as <c>bash -c "claude; …"</c>: only a walk of the process tree (<see cref="ProcessTable"/>)
/// tells a shell prompt from Claude Code running under a shell.
/// </summary>
internal static class PaneProcesses
{
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal)
    {
        "bash", "zsh", "fish", "sh", "dash", "ksh", "mksh", "tcsh", "csh", "ash", "busybox",
    };

    public static bool IsShell(string command) => Shells.Contains(command.TrimStart('-'));

    /// <summary>Whether Claude Code runs at or under <paramref name="rootPid"/>, read from this machine's process table.</summary>
    public static async Task<bool> HasClaudeCodeAsync(int rootPid, CancellationToken cancellationToken) =>
        rootPid > 0 && HasClaudeCode(await ProcessTable.ReadAsync(cancellationToken), rootPid);

    /// <summary>Whether Claude Code runs at or under <paramref name="rootPid"/> in <paramref name="table"/>.</summary>
    public static bool HasClaudeCode(ProcessTable table, int rootPid) => table.AnyInTree(rootPid, IsClaudeCode);

    /// <summary>The <c>claude</c> binary, or node running Claude Code's cli (<c>node …/@anthropic-ai/claude-code/cli.js</c>).</summary>
    public static bool IsClaudeCode(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
            return false;
        var program = Path.GetFileName(arguments[0]);
        if (program == "claude")
            return true;
        return program.StartsWith("node", StringComparison.Ordinal)
            && arguments.Skip(1).Any(a => a.Contains("claude-code", StringComparison.Ordinal) || Path.GetFileName(a) == "claude");
    }
}
