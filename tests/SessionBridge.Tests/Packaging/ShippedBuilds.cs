using CliWrap;
using CliWrap.Buffered;

namespace SessionBridge.Tests.Packaging;

/// <summary>
/// What users install, built once for the classes of <see cref="OneShippedBuild"/>: pack.sh's tool packages,
/// installed the way a user installs them (<c>dotnet tool install --tool-path</c>), and session-bridge-hook and
/// session-bridge-web published NativeAOT by eng/publish.sh, as install.sh ships them. The NativeAOT server and its
/// companion are the tool package's: the same projects, configuration and platform install.sh compiles, so each program is
/// compiled once in a run (a NativeAOT compile is minutes of both cores). Trimming and AOT compilation can break at run time
/// what the JIT build does fine, so these binaries get tested too. Everything goes to a temp directory, never into the
/// checkout's bin or obj but for pack.sh's own build.
/// </summary>
public sealed class ShippedBuilds : IAsyncLifetime
{
    private readonly TempDirectory _work = new("shipped");

    public string Packages => _work.Combine("packages");

    public string Tools => _work.Combine("tools");

    /// <summary>The session-bridge command the install put on the tool path.</summary>
    public string Command => Path.Combine(Tools, "session-bridge");

    /// <summary>
    /// The folder of the installed package that holds the program: where the command links to (NativeAOT), else where
    /// the framework-dependent package's session-bridge.dll is.
    /// </summary>
    public string ToolFolder =>
        new FileInfo(Command).LinkTarget is { } target
            ? Path.GetDirectoryName(Path.GetFullPath(target, Tools))!
            : Path.GetDirectoryName(Directory.GetFiles(Path.Combine(Tools, ".store"), "session-bridge.dll", SearchOption.AllDirectories).Single())!;

    /// <summary>The NativeAOT server and command line (the tool package's, in the folder install.sh would make).</summary>
    public string Server => _work.Combine("aot", "session-bridge");

    /// <summary>session-bridge-nats, the companion that carries the NATS client (the tool package's).</summary>
    public string Companion => _work.Combine("aot", "session-bridge-nats");

    public string Hook => _work.Combine("aot", "session-bridge-hook");

    public string Web => _work.Combine("aot", "session-bridge-web");

    /// <summary>Why there is no NativeAOT build (no native toolchain here), or null when there is.</summary>
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Unavailable = NativeToolchain.WhyUnavailable();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // A bound on builds that hang, not a goal: NativeAOT compiles of four programs compete with the rest of the
        // suite for two cores.
        timeout.CancelAfter(TimeSpan.FromMinutes(40));
        await Cli.Wrap(Path.Combine(RepositoryRoot.Path, "pack.sh")).WithArguments([Packages]).ExecuteBufferedAsync(timeout.Token);
        await Cli.Wrap("dotnet")
            .WithArguments(["tool", "install", "SessionBridge", "--tool-path", Tools, "--add-source", Packages])
            // A package cache of its own: the user's may hold an older build under the same version.
            .WithEnvironmentVariables(e => e.Set("NUGET_PACKAGES", _work.Combine("nuget")))
            .ExecuteBufferedAsync(timeout.Token);
        if (Unavailable is not null)
            return;

        var result = await Cli.Wrap(Path.Combine(RepositoryRoot.Path, "eng", "publish.sh"))
            .WithArguments(["--aot-only", "--only", "session-bridge-hook session-bridge-web", _work.Combine("aot"), "--artifacts-path", _work.Combine("artifacts")])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"eng/publish.sh --aot-only failed:\n{result.StandardOutput}\n{result.StandardError}");
        if (result.StandardOutput.Contains("warning IL", StringComparison.Ordinal))
            throw new InvalidOperationException($"NativeAOT publish warned:\n{result.StandardOutput}");

        // One folder with all four programs, as install.sh ships them: each finds its companions beside itself.
        foreach (var file in Directory.GetFiles(ToolFolder))
        {
            var beside = _work.Combine("aot", Path.GetFileName(file));
            if (!File.Exists(beside))
                File.Copy(file, beside);
        }
    }

    public ValueTask DisposeAsync()
    {
        _work.Dispose();
        return ValueTask.CompletedTask;
    }
}
