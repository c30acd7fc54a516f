using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace SessionBridge.EndToEnd.Claude;

/// <summary>
/// The real Claude Code these tests drive: the version pinned in claude-code.version, installed with npm into a
/// cache outside the repository by install-claude.sh when missing (<c>SESSION_BRIDGE_E2E_CLAUDE</c> names
/// another binary). One per test run. Where it cannot be installed, every test skips and says why.
/// </summary>
public sealed class ClaudeInstallation : IAsyncLifetime
{
    public string? Executable { get; private set; }

    public string Version { get; private set; } = "";

    public string? Problem { get; private set; }

    public async ValueTask InitializeAsync()
    {
        try
        {
            Executable = Environment.GetEnvironmentVariable("SESSION_BRIDGE_E2E_CLAUDE") is { Length: > 0 } given
                ? given
                : await InstallAsync();
            if (Executable is null)
                return;

            var version = await Cli.Wrap(Executable)
                .WithArguments("--version")
                .WithEnvironmentVariables(env => env.Set("DISABLE_AUTOUPDATER", "1"))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync();
            Version = version.StandardOutput.Trim();
            if (version.ExitCode != 0)
            {
                Problem = $"{Executable} --version exited {version.ExitCode}: {version.StandardError.Trim()}";
                Executable = null;
            }
        }
        catch (Win32Exception e)
        {
            Problem = "cannot run Claude Code: " + e.Message;
            Executable = null;
        }
    }

    /// <summary>The claude binary; skips the test (with the reason) when there is none.</summary>
    public string Require()
    {
        if (Executable is null)
            Assert.Skip("Claude Code is not available, so the end-to-end tests cannot run: " + Problem);
        return Executable;
    }

    private async Task<string?> InstallAsync()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "install-claude.sh");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var result = await Cli.Wrap("bash")
            .WithArguments([script])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        if (result.ExitCode == 0)
            return result.StandardOutput.Trim().Split('\n')[^1];

        Problem = $"install-claude.sh exited {result.ExitCode}: {result.StandardError.Trim()}";
        return null;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
