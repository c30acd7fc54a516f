using System.Diagnostics;
using System.Globalization;

namespace SessionBridge.Testing;

/// <summary>
/// The built hook started as Claude Code starts it, in the background: a PermissionRequest hook waits for its decision,
/// so the spec decides meanwhile (on the command line, through the tools, on the board) and then reads what it printed.
/// </summary>
public sealed class BackgroundHook : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private BackgroundHook(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
    }

    public static BackgroundHook Start(string stdin, IDictionary<string, string?> environment)
    {
        var info = HookProcess.StartInfo(environment);
        var process = Process.Start(info)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        return new BackgroundHook(process);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the hook to exit; its stdout and how long it ran.</summary>
    public async Task<(string Stdout, TimeSpan Elapsed)> ExitAsync(TimeSpan? timeout = null)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // A bound on a hang, not a speed figure: a hook left waiting waits its decision wait (600 s by default).
        bound.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(bound.Token);
        return (await _stdout, _clock.Elapsed);
    }

    /// <summary>What the hook printed once it exits.</summary>
    public async Task<string> StdoutAsync() => (await ExitAsync()).Stdout;

    /// <summary>Sends SIGTERM, as Claude Code does when a hook outlives its timeout.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        _process.Dispose();
    }
}
