using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Server;

/// <summary>SPEC §2: the caller's mistakes are tool errors that say what to do, and change nothing.</summary>
public sealed class CallerMistakeSpecs : IDisposable
{
    private readonly TempDirectory _state = new("state");

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("Dev")]
    [InlineData("-dash-first")]
    [InlineData("a-role-name-that-is-far-too-long-to-be-a-file")]
    [InlineData("rôle")]
    public async Task An_invalid_role_name_is_an_error_that_says_what_a_role_looks_like(string role)
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        var result = await server.CallAsync("set_prompt", new() { ["role"] = role, ["prompt"] = "p" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("role");
        File.Exists(Path.Combine(_state.Path, "prompts.json")).Should().BeFalse();
    }

    [Fact]
    public async Task An_upper_case_role_gets_a_suggestion()
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        var result = await server.CallAsync("get_prompt", new() { ["role"] = "Dev" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("Did you mean \"dev\"");
    }

    [Fact]
    public async Task Registering_outside_tmux_without_a_pane_is_an_error_that_says_what_to_do()
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        var result = await server.CallAsync("register", new() { ["role"] = "dev" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("$TMUX_PANE is not set").And.Contain("pass 'pane'");
        File.Exists(Path.Combine(_state.Path, "registry.json")).Should().BeFalse();
    }

    [Theory]
    [InlineData("3")]
    [InlineData("%")]
    [InlineData("%3; kill-server")]
    [InlineData("dev:1.0")]
    public async Task A_pane_that_is_not_a_pane_id_is_an_error(string pane)
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        var result = await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = pane });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("not a tmux pane id");
    }

    [Fact]
    public async Task Sending_to_a_role_that_is_not_registered_is_an_error_and_logs_nothing()
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        var result = await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "hi" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("\"dev\" is not registered").And.Contain("register(\"dev\")");
        File.Exists(Path.Combine(_state.Path, "conversation.jsonl")).Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u001b\u0007\n\n")]
    public async Task Sending_empty_text_is_an_error(string text)
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        var result = await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = text });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("'text' is empty");
    }

    [Theory]
    [InlineData("yes please")]
    [InlineData("rm -rf /")]
    [InlineData("Enterr")]
    [InlineData("")]
    public async Task A_word_passed_as_a_key_is_an_error_that_points_to_send(string key)
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        var result = await server.CallAsync("respond", new() { ["role"] = "dev", ["keys"] = new[] { key } });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("respond takes key tokens only");
    }

    [Fact]
    public async Task An_empty_key_list_is_an_error()
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        var result = await server.CallAsync("respond", new() { ["role"] = "dev", ["keys"] = Array.Empty<string>() });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("'keys' is empty");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public async Task A_limit_out_of_range_is_an_error(int limit)
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        var result = await server.CallAsync("history", new() { ["limit"] = limit });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("'limit' is").And.Contain("from 1 to 1000");
    }

    [Fact]
    public async Task A_corrupt_registry_is_an_error_naming_the_file_and_is_left_as_it_was()
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));
        var registry = Path.Combine(_state.Path, "registry.json");
        File.WriteAllText(registry, "{\"peers\": {\"dev\": ");

        var result = await server.CallAsync("list_peers");

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain(registry).And.Contain("corrupt").And.Contain("will not reset");
        File.ReadAllText(registry).Should().Be("{\"peers\": {\"dev\": ");
    }

    [Fact]
    public async Task A_corrupt_prompts_file_is_an_error_and_is_not_overwritten_by_set_prompt()
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));
        var prompts = Path.Combine(_state.Path, "prompts.json");
        File.WriteAllText(prompts, "not json");

        var result = await server.CallAsync("set_prompt", new() { ["role"] = "dev", ["prompt"] = "p" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain(prompts);
        File.ReadAllText(prompts).Should().Be("not json");
    }

    public void Dispose() => _state.Dispose();
}
