using System.ComponentModel;
using System.Globalization;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace SessionBridge.Processes;

/// <summary>
/// The process tree as <c>ps -A -o pid=,ppid=,args=</c> prints it: the same three columns from macOS's, the BSDs'
/// and Linux's ps, one snapshot per read. ps joins a process's arguments with spaces, so an argument that holds a
/// space reads as two: what the Claude Code check looks for (a program or script named claude or claude-code)
/// is unaffected. A ps that cannot be run is an empty table: nothing is found in it.
/// </summary>
internal sealed class PsOutputTable : ProcessTable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<int, (int Parent, string[] Arguments)> _processes = [];
    private readonly Dictionary<int, List<int>> _children = [];

    private PsOutputTable(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            if (Parse(line) is not { } process)
                continue;
            _processes[process.Pid] = (process.Parent, process.Arguments);
            if (!_children.TryGetValue(process.Parent, out var list))
                _children[process.Parent] = list = [];
            list.Add(process.Pid);
        }
    }

    public static async Task<PsOutputTable> RunAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            var result = await Cli.Wrap("ps")
                .WithArguments(["-A", "-o", "pid=,ppid=,args="])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(Encoding.UTF8, Encoding.UTF8, deadline.Token);
            return new PsOutputTable(result.ExitCode == 0 ? result.StandardOutput : "");
        }
        catch (Win32Exception)
        {
            return new PsOutputTable("");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PsOutputTable("");
        }
    }

    /// <summary>A table from ps output already read (for specs).</summary>
    internal static PsOutputTable FromOutput(string output) => new(output);

    public override int? ParentOf(int pid) => _processes.TryGetValue(pid, out var process) ? process.Parent : null;

    public override IReadOnlyList<string> ArgumentsOf(int pid) => _processes.TryGetValue(pid, out var process) ? process.Arguments : [];

    public override IReadOnlyList<int> ChildrenOf(int pid) => _children.TryGetValue(pid, out var list) ? list : [];

    /// <summary>"  4242     1 /usr/bin/claude --resume": pid, parent pid, then the arguments to the line's end.</summary>
    private static (int Pid, int Parent, string[] Arguments)? Parse(string line)
    {
        var fields = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (
            fields.Length < 2
            || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
        )
        {
            return null;
        }

        var arguments = fields.Length == 3 ? fields[2].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return (pid, parent, arguments);
    }
}
