using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;
using ModelContextProtocol.Client;

namespace SessionBridge.Tests.Packaging;

/// <summary>The NuGet tool packages, made by pack.sh and installed the way a user installs them, start and answer as an MCP server.</summary>
[Trait("Tier", "Slow")] // packs and installs the tools: left out of ./test.sh --fast
public sealed class ToolPackageSpecs : IDisposable
{
    private readonly TempDirectory _work = new("pack");

    [Fact(Timeout = Timeouts.Build)]
    public async Task I_can_install_the_tool_packages_from_pack_sh_and_get_the_NativeAOT_server_for_this_platform()
    {
        // Arrange
        var packages = _work.Combine("packages");
        var tools = _work.Combine("tools");
        var state = _work.Combine("state");
        var rid = RuntimeInformation.RuntimeIdentifier;
        await Cli.Wrap(Path.Combine(RepositoryRoot.Path, "pack.sh")).WithArguments([packages]).ExecuteBufferedAsync(TestContext.Current.CancellationToken);

        // Act
        await Cli.Wrap("dotnet")
            .WithArguments(["tool", "install", "SessionBridge", "--tool-path", tools, "--add-source", packages])
            // A package cache of its own: the user's may hold an older build under the same version.
            .WithEnvironmentVariables(e => e.Set("NUGET_PACKAGES", _work.Combine("nuget")))
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = Path.Combine(tools, "session-bridge"),
            EnvironmentVariables = new Dictionary<string, string?> { ["SESSION_BRIDGE_DIR"] = state, ["TMUX"] = null, ["TMUX_PANE"] = null },
        }), cancellationToken: TestContext.Current.CancellationToken);
        var listed = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        // Assert: the package users name, this platform's NativeAOT one, and the framework-dependent fallback;
        // where nothing can link NativeAOT, the framework-dependent package alone, as plain dotnet pack makes it.
        var made = Directory.GetFiles(packages, "*.nupkg")
            .Select(file => Regex.Replace(Path.GetFileName(file), @"\.\d+\.\d+\.\d+.*\.nupkg$", ""));
        var installed = new FileInfo(Path.Combine(tools, "session-bridge")).LinkTarget;
        if (NativeToolchain.WhyUnavailable() is null)
        {
            made.Should().BeEquivalentTo("SessionBridge", $"SessionBridge.{rid}", "SessionBridge.any");
            installed.Should().Contain($"sessionbridge.{rid}", "the tool installed is this platform's NativeAOT build");
        }
        else
        {
            made.Should().BeEquivalentTo("SessionBridge");
        }

        client.ServerInfo.Should().NotBeNull();
        client.ServerInfo!.Name.Should().Be("session-bridge");
        listed.Should().HaveCount(15);
    }

    public void Dispose() => _work.Dispose();
}
