using System.Diagnostics;

namespace SessionBridge.Testing;

/// <summary>The built <c>session-bridge-hook</c>, run as Claude Code runs it: JSON on stdin, the pane in the environment.</summary>
public static class HookProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);

    /// <param name="executable">Another build of the hook (e.g. NativeAOT); by default <see cref="BuiltExecutables.Hook"/>.</param>
    public static async Task<Outcome> RunAsync(
        string? stdin,
        IDictionary<string, string?> environment,
        bool closeStdin = true,
        string? executable = null
    )
    {
        var info = StartInfo(environment, executable);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
                await process.StandardInput.WriteAsync(stdin.AsMemory(), TestContext.Current.CancellationToken);
            if (closeStdin)
                process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The hook may exit without reading its stdin (outside tmux it does not even look): on a loaded machine
            // it can be gone before the write, which then meets a closed pipe. Its exit code and output still tell.
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // A bound on a hang, not a speed figure.
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }

    /// <summary>
    /// How the hook is started, for a run to the end and for <see cref="BackgroundHook"/>: its three streams redirected,
    /// none of the test run's own tmux or state settings, a HOME of its own, then <paramref name="environment"/> (null
    /// removes a variable).
    /// </summary>
    internal static ProcessStartInfo StartInfo(IDictionary<string, string?> environment, string? executable = null)
    {
        var info = new ProcessStartInfo(executable ?? BuiltExecutables.Hook)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "TMUX", "TMUX_PANE", "SESSION_BRIDGE_DIR" })
            info.Environment.Remove(name);
        info.Environment["HOME"] = Path.GetTempPath();
        foreach (var (key, value) in environment)
        {
            if (value is null)
                info.Environment.Remove(key);
            else
                info.Environment[key] = value;
        }

        return info;
    }
}
