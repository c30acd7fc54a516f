using CliWrap;
using CliWrap.Buffered;

namespace SessionBridge.Tests.Packaging;

/// <summary>
/// The tool packages pack.sh makes, installed the way a user installs them (<c>dotnet tool install --tool-path</c>),
/// once per test class: packing compiles NativeAOT for minutes.
/// </summary>
public sealed class InstalledToolPackages : IAsyncLifetime
{
    private readonly TempDirectory _work = new("pack");

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

    public async ValueTask InitializeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // A bound on a pack that hangs, not a goal: NativeAOT compiles of the server and its companion on two cores.
        timeout.CancelAfter(TimeSpan.FromMinutes(30));
        await Cli.Wrap(Path.Combine(RepositoryRoot.Path, "pack.sh")).WithArguments([Packages]).ExecuteBufferedAsync(timeout.Token);
        await Cli.Wrap("dotnet")
            .WithArguments(["tool", "install", "SessionBridge", "--tool-path", Tools, "--add-source", Packages])
            // A package cache of its own: the user's may hold an older build under the same version.
            .WithEnvironmentVariables(e => e.Set("NUGET_PACKAGES", _work.Combine("nuget")))
            .ExecuteBufferedAsync(timeout.Token);
    }

    public ValueTask DisposeAsync()
    {
        _work.Dispose();
        return ValueTask.CompletedTask;
    }
}
