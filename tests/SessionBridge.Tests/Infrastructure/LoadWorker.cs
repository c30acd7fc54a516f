using System.Diagnostics;

namespace SessionBridge.Tests.Infrastructure;

/// <summary>The session-bridge-load worker (tests/SessionBridge.LoadWorker) run as a real process on a state directory.</summary>
public static class LoadWorker
{
    public static Process Start(string stateDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(BuiltExecutables.LoadWorker) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["SESSION_BRIDGE_DIR"] = stateDirectory;
        return Process.Start(info)!;
    }

    /// <summary>Starts one worker per argument list at once and waits for all; each must exit 0.</summary>
    public static async Task RunAllAsync(string stateDirectory, IEnumerable<string[]> workers)
    {
        var processes = workers.Select(arguments => Start(stateDirectory, arguments)).ToList();
        try
        {
            foreach (var process in processes)
            {
                var errors = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                process.ExitCode.Should().Be(0, errors);
            }
        }
        finally
        {
            foreach (var process in processes)
                process.Dispose();
        }
    }
}
