using SessionBridge.EndToEnd.Claude;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>Claude Code finds and starts the server a project's .mcp.json names.</summary>
public sealed class McpListSpecs(ClaudeInstallation claude)
{
    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Claude_mcp_list_reports_the_server_from_mcp_json_connected()
    {
        // Arrange
        await using var world = await ClaudeWorld.CreateAsync(claude);

        // Act
        var result = await world.RunClaudeAsync("mcp", "list");

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().MatchRegex(@"session-bridge: .*session-bridge.* - ✔ Connected");
    }
}
