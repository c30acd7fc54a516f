using System.Diagnostics;
using SessionBridge.Processes;

namespace SessionBridge.Tests.Processes;

/// <summary>
/// The process tree from its two sources: /proc (Linux) and ps (macOS and the BSDs, which have no /proc). Both run
/// here on Linux against a real tree of processes, so the ps source the product uses on macOS is proven too.
/// </summary>
public sealed class ProcessTableSpecs : IDisposable
{
    private readonly TempDirectory _files = new("procs");
    private readonly List<Process> _started = [];

    /// <summary>Starts <c>sh -c <paramref name="script"/></c> and waits until it has <paramref name="children"/> children.</summary>
    private async Task<int> StartTreeAsync(string script, int children)
    {
        var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { UseShellExecute = false })!;
        _started.Add(process);
        await Eventually.WaitAsync(() => new ProcFileSystemTable().ChildrenOf(process.Id).Count == children, $"sh {process.Id} to start {children} children");
        return process.Id;
    }

    /// <summary>A program named <c>claude</c> (a link to sleep), as the Claude Code check looks for.</summary>
    private string SleepNamedClaude()
    {
        var link = _files.Combine("claude");
        if (!File.Exists(link))
            File.CreateSymbolicLink(link, "/usr/bin/sleep");
        return link;
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Proc_and_ps_give_the_same_parents_arguments_and_Claude_Code_answer_for_a_real_process_tree()
    {
        // Arrange: a shell with "claude" and a plain sleep under it, and another shell with no claude at all.
        var claude = SleepNamedClaude();
        var withClaude = await StartTreeAsync($"'{claude}' 300 & sleep 301 & wait", children: 2);
        var without = await StartTreeAsync("sleep 302 & sleep 303 & wait", children: 2);
        var proc = new ProcFileSystemTable();
        var claudePid = proc.ChildrenOf(withClaude).Single(pid => proc.ArgumentsOf(pid)[0] == claude);

        // Act
        var ps = await PsOutputTable.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        ProcFileSystemTable.IsAvailable.Should().BeTrue("these specs run on Linux");
        ps.Ancestors(claudePid).Should().Equal(proc.Ancestors(claudePid)).And.StartWith([withClaude, Environment.ProcessId]);
        ps.AncestorBelow(claudePid, Environment.ProcessId).Should().Be(withClaude);
        proc.AncestorBelow(claudePid, Environment.ProcessId).Should().Be(withClaude);
        ps.ArgumentsOf(claudePid).Should().Equal(proc.ArgumentsOf(claudePid)).And.Equal(claude, "300");
        ps.ChildrenOf(withClaude).Should().BeEquivalentTo(proc.ChildrenOf(withClaude));
        PaneProcesses.HasClaudeCode(ps, withClaude).Should().BeTrue();
        PaneProcesses.HasClaudeCode(proc, withClaude).Should().BeTrue();
        PaneProcesses.HasClaudeCode(ps, without).Should().BeFalse();
        PaneProcesses.HasClaudeCode(proc, without).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_process_runs_until_it_exits()
    {
        // Arrange
        var shell = await StartTreeAsync("sleep 304 & wait", children: 1);
        var sleeper = new ProcFileSystemTable().ChildrenOf(shell).Single();
        var running = ProcessTable.IsRunning(sleeper);

        // Act
        _started[^1].Kill(entireProcessTree: true);
        await _started[^1].WaitForExitAsync(TestContext.Current.CancellationToken);

        // Assert
        running.Should().BeTrue();
        await Eventually.WaitAsync(() => !ProcessTable.IsRunning(shell), "the killed shell to be gone");
        ProcessTable.IsRunning(Environment.ProcessId).Should().BeTrue();
    }

    [Fact]
    public void Ps_output_as_macOS_prints_it_gives_the_pane_walk_and_the_Claude_Code_check()
    {
        // Arrange: right-aligned pid columns, a login shell, node running Claude Code's cli, a path with a space.
        var ps = PsOutputTable.FromOutput(
            """
                1     0 /sbin/launchd
              812     1 /Applications/iTerm.app/Contents/MacOS/iTerm2
             4100     1 tmux new-session -s work
             4242  4100 -zsh
             4300  4242 node /opt/homebrew/lib/node_modules/@anthropic-ai/claude-code/cli.js --resume
             4310  4300 /bin/sh -c /Users/dev/My Tools/session-bridge-hook
             4311  4310 /Users/dev/My Tools/session-bridge-hook
             4400  4100 -zsh
            """
        );

        // Act
        var pane = ps.AncestorBelow(4311, 4100);

        // Assert
        pane.Should().Be(4242, "the hook's pane is the ancestor whose parent is the tmux server");
        ps.AncestorBelow(4311, 812).Should().BeNull("the hook is not under iTerm2");
        PaneProcesses.HasClaudeCode(ps, 4242).Should().BeTrue();
        PaneProcesses.HasClaudeCode(ps, 4400).Should().BeFalse("a shell prompt is not Claude Code");
        ps.ArgumentsOf(4242).Should().Equal("-zsh");
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
        }

        _files.Dispose();
    }
}
