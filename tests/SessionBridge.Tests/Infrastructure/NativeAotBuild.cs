using System.Runtime.InteropServices;
using CliWrap;
using CliWrap.Buffered;

namespace SessionBridge.Tests.Infrastructure;

/// <summary>
/// The server and the hook published NativeAOT, as install.sh ships them, once per test class. Trimming and
/// AOT compilation can break at run time what the JIT build does fine, so these binaries get tested too.
/// Builds go to a temp directory (<c>--artifacts-path</c>), never into the checkout's bin or obj.
/// </summary>
public sealed class NativeAotBuild : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("aot");

    public string Server => _directory.Combine("out", "session-bridge");

    public string Hook => _directory.Combine("out", "session-bridge-hook");

    /// <summary>Why there is no build (no native toolchain here), or null when there is.</summary>
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Unavailable = NativeToolchain.WhyUnavailable();
        if (Unavailable is not null)
            return;
        await PublishAsync(Path.Combine("src", "SessionBridge", "SessionBridge.csproj"), "server");
        await PublishAsync(Path.Combine("hooks", "SessionBridge.Hook", "SessionBridge.Hook.csproj"), "hook");
    }

    private async Task PublishAsync(string project, string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var result = await Cli.Wrap("dotnet")
            .WithArguments([
                "publish", Path.Combine(RepositoryRoot.Path, project),
                "-c", "Release",
                "-r", RuntimeInformation.RuntimeIdentifier,
                "-p:PublishAot=true",
                "--artifacts-path", _directory.Combine("artifacts", name),
                "-o", _directory.Combine("out"),
                "--nologo",
            ])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"NativeAOT publish of {project} failed:\n{result.StandardOutput}\n{result.StandardError}");
        if (result.StandardOutput.Contains("warning IL", StringComparison.Ordinal))
            throw new InvalidOperationException($"NativeAOT publish of {project} warned:\n{result.StandardOutput}");
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
