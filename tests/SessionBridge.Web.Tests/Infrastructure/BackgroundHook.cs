using System.Diagnostics;

namespace SessionBridge.Web.Tests.Infrastructure;

/// <summary>
/// A role's hook started as Claude Code starts it, in the background: a PermissionRequest hook waits for its
/// decision, so the spec decides on the board and then reads what the hook printed.
/// </summary>
public sealed class BackgroundHook : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;

    private BackgroundHook(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
    }

    public static BackgroundHook Start(string stdin, IDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(BuiltExecutables.Hook)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["HOME"] = Path.GetTempPath();
        foreach (var (key, value) in environment)
        {
            if (value is null)
                info.Environment.Remove(key);
            else
                info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        return new BackgroundHook(process);
    }

    /// <summary>What the hook printed once it exits (a bound on a hang: a hook left waiting waits its decision wait).</summary>
    public async Task<string> StdoutAsync()
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(bound.Token);
        return await _stdout;
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
