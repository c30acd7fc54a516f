using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;
using ModelContextProtocol.Client;
using SessionBridge.Processes;
using SessionBridge.State;
using SessionBridge.State.Nats;

namespace SessionBridge.Tests.Packaging;

/// <summary>The NuGet tool packages, made by pack.sh and installed the way a user installs them, start and answer as an MCP server.</summary>
[Trait("Tier", "Slow")] // packs and installs the tools: left out of ./test.sh --fast
[Collection(OneShippedBuild.Name)]
public sealed class ToolPackageSpecs(ShippedBuilds installation, NatsServer nats)
    : IClassFixture<NatsServer>,
        IDisposable
{
    private readonly TempDirectory _state = new("state");

    [Fact(Timeout = Timeouts.Build)]
    public async Task I_can_install_the_tool_packages_from_pack_sh_and_get_the_NativeAOT_server_for_this_platform()
    {
        // Arrange: pack.sh's packages, installed by the collection's fixture.
        var packages = installation.Packages;
        var tools = installation.Tools;
        var state = _state.Path;
        var rid = RuntimeInformation.RuntimeIdentifier;

        // Act
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

    [Fact(Timeout = Timeouts.Build)]
    public async Task The_installed_tool_carries_the_NATS_companion_and_hands_over_to_it_when_SESSION_BRIDGE_NATS_is_set()
    {
        NatsServer.SkipUnlessAvailable();

        // Arrange
        var variables = new Dictionary<string, string?>
        {
            ["SESSION_BRIDGE_DIR"] = _state.Path,
            ["SESSION_BRIDGE_NATS"] = nats.Url,
            ["SESSION_BRIDGE_TEAM"] = "t" + Guid.NewGuid().ToString("N")[..12],
            ["SESSION_BRIDGE_HOST"] = "devbox",
            ["TMUX"] = null,
            ["TMUX_PANE"] = null,
        };

        // Act
        var companion = Companion.Find(installation.ToolFolder);
        var saved = await RunInstalled(variables, "prompt", "set", "dev", "You write the code.");
        var peers = await RunInstalled(variables, "peers", "--json");

        // Assert: the companion beside the program, and the briefing on NATS, not in the local folder.
        companion.Should().NotBeNull($"session-bridge-nats belongs beside session-bridge in {installation.ToolFolder}");
        saved.ExitCode.Should().Be(0, saved.StandardError);
        peers.ExitCode.Should().Be(0, peers.StandardError);
        JsonDocument.Parse(peers.StandardOutput).RootElement.GetProperty("peers").GetArrayLength().Should().Be(0);
        await using var store = StateStore.Open(new StateDirectory(_state.Path), TimeSpan.FromSeconds(10), TimeProvider.System, name => variables.GetValueOrDefault(name), new NatsBackend());
        (await store.Prompts.AllAsync(TestContext.Current.CancellationToken)).Select(p => p.Role).Should().Equal("dev");
        File.Exists(Path.Combine(_state.Path, "prompts.json")).Should().BeFalse();
    }

    private async Task<BufferedCommandResult> RunInstalled(IReadOnlyDictionary<string, string?> variables, params string[] arguments) =>
        await Cli.Wrap(installation.Command)
            .WithArguments(arguments)
            .WithEnvironmentVariables(variables)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);

    public void Dispose() => _state.Dispose();
}
