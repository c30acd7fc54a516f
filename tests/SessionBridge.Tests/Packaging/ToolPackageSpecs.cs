using CliWrap;
using CliWrap.Buffered;
using ModelContextProtocol.Client;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Packaging;

/// <summary>The NuGet tool package, installed the way a user installs it, starts and answers as an MCP server.</summary>
public sealed class ToolPackageSpecs : IDisposable
{
    private readonly TempDirectory _work = new("pack");

    [Fact]
    public async Task I_can_install_the_tool_package_and_start_the_server_from_it()
    {
        // Arrange
        var packages = _work.Combine("packages");
        var tools = _work.Combine("tools");
        var state = _work.Combine("state");
        var project = Path.Combine(RepositoryRoot.Path, "src", "SessionBridge", "SessionBridge.csproj");
        await Cli.Wrap("dotnet")
            .WithArguments(["pack", project, "-c", "Release", "-o", packages, "--nologo"])
            .ExecuteBufferedAsync();

        // Act
        await Cli.Wrap("dotnet")
            .WithArguments(["tool", "install", "SessionBridge", "--tool-path", tools, "--add-source", packages])
            .ExecuteBufferedAsync();
        await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = Path.Combine(tools, "session-bridge"),
            EnvironmentVariables = new Dictionary<string, string?> { ["SESSION_BRIDGE_DIR"] = state, ["TMUX"] = null, ["TMUX_PANE"] = null },
        }));
        var tools12 = await client.ListToolsAsync();

        // Assert
        Directory.GetFiles(packages, "SessionBridge.*.nupkg").Should().ContainSingle();
        client.ServerInfo?.Name.Should().Be("session-bridge");
        tools12.Should().HaveCount(14);
    }

    public void Dispose() => _work.Dispose();
}
