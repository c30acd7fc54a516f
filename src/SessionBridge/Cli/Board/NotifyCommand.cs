using System.Diagnostics;
using System.Text;

namespace SessionBridge.Server.Cli.Board;

/// <summary>
/// --notify CMD: runs CMD through <c>sh -c</c>, as git runs a hook, with the alert in its environment only.
/// Its output is not the board's: stdout is dropped and the end of stderr kept for the log. A command that runs
/// longer than <paramref name="timeout"/> is killed with its children.
/// </summary>
internal sealed class NotifyCommand(string command, TimeSpan timeout)
{
    private const int KeptErrorChars = 300;

    public string Command { get; } = command;

    /// <returns>null when CMD exited 0; otherwise what went wrong, for a person.</returns>
    public async Task<string?> RunAsync(BoardAlert alert, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Command);
        foreach (var (name, value) in alert.Environment)
            start.Environment[name] = value;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"could not start sh: {e.Message}";
        }

        process.StandardInput.Close();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null)
                return;
            lock (errors)
            {
                errors.Append(line.Data).Append(' ');
                if (errors.Length > KeptErrorChars)
                    errors.Remove(0, errors.Length - KeptErrorChars);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            return cancellationToken.IsCancellationRequested
                ? "stopped with the board"
                : $"still running after {timeout.TotalSeconds:0} s: killed";
        }

        if (process.ExitCode == 0)
            return null;
        string tail;
        lock (errors)
            tail = errors.ToString().Trim();
        return $"exited {process.ExitCode}" + (tail.Length == 0 ? "" : $": {tail}");
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It exited meanwhile.
        }
    }
}
