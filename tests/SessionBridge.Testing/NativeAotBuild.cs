using CliWrap;
using CliWrap.Buffered;

namespace SessionBridge.Testing;

/// <summary>
/// The server and the hook published NativeAOT by eng/publish.sh, as install.sh ships them, once per test
/// class. Trimming and AOT compilation can break at run time what the JIT build does fine, so these binaries
/// get tested too. Builds go to a temp directory (<c>--artifacts-path</c>), never into the checkout's bin or obj.
/// </summary>
public sealed class NativeAotBuild : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("aot");

    public string Server => _directory.Combine("out", "session-bridge");

    public string Hook => _directory.Combine("out", "session-bridge-hook");

    /// <summary>session-bridge-nats, the companion that carries the NATS client.</summary>
    public string Companion => _directory.Combine("out", "session-bridge-nats");

    /// <summary>Why there is no build (no native toolchain here), or null when there is.</summary>
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Unavailable = NativeToolchain.WhyUnavailable();
        if (Unavailable is not null)
            return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // A bound on a build that hangs, not a goal: two publishes compete with the rest of the suite for two cores.
        timeout.CancelAfter(TimeSpan.FromMinutes(30));
        var result = await Cli.Wrap(Path.Combine(RepositoryRoot.Path, "eng", "publish.sh"))
            .WithArguments(["--aot-only", _directory.Combine("out"), "--artifacts-path", _directory.Combine("artifacts")])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"eng/publish.sh --aot-only failed:\n{result.StandardOutput}\n{result.StandardError}");
        if (result.StandardOutput.Contains("warning IL", StringComparison.Ordinal))
            throw new InvalidOperationException($"NativeAOT publish warned:\n{result.StandardOutput}");
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
