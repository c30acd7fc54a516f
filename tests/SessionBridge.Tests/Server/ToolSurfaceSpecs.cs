using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Server;

public sealed class ToolSurfaceSpecs : IDisposable
{
    private readonly TempDirectory _state = new("state");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_list_the_twelve_tools_and_the_three_additions_with_descriptions_and_annotations()
    {
        // Arrange
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        // Act
        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        tools.Select(t => t.Name).Should().BeEquivalentTo(
            "register", "list_peers", "send", "read_peer", "detect_question", "respond",
            "history", "inbox", "set_prompt", "get_prompt", "list_prompts", "delete_prompt",
            "broadcast", "wait_for", "supervise");
        tools.Should().OnlyContain(t => !string.IsNullOrWhiteSpace(t.Description));
        tools.Single(t => t.Name == "history").ProtocolTool.Annotations!.ReadOnlyHint.Should().BeTrue();
        tools.Single(t => t.Name == "respond").ProtocolTool.Annotations!.DestructiveHint.Should().BeTrue();
        var send = tools.Single(t => t.Name == "send").JsonSchema;
        send.GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .Should().Contain(["to", "from", "text", "submit", "tag"], "the original's arguments are the contract; additions are optional");
        send.GetProperty("required").EnumerateArray().Select(e => e.GetString())
            .Should().BeEquivalentTo("to", "from", "text");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_server_tells_the_model_how_the_tools_fit_together()
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        server.Client.ServerInstructions.Should().NotBeNull().And.Contain("register").And.Contain("send").And.Contain("respond");
        server.Client.ServerInfo.Should().NotBeNull();
        server.Client.ServerInfo!.Name.Should().Be("session-bridge");
    }

    public void Dispose() => _state.Dispose();
}
