using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Server;

/// <summary>SPEC §2: the caller's mistakes are tool errors that say what to do, and change nothing (the full table is BadInputSpecs).</summary>
public sealed class CallerMistakeSpecs : IDisposable
{
    private readonly TempDirectory _state = new("state");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Registering_outside_tmux_without_a_pane_is_an_error_that_says_what_to_do()
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        var result = await server.CallAsync("register", new() { ["role"] = "dev" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("$TMUX_PANE is not set").And.Contain("pass 'pane'");
        File.Exists(new StateDirectory(_state.Path).RegistryPath).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Sending_to_a_role_that_is_not_registered_is_an_error_and_logs_nothing()
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        var result = await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "hi" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("\"dev\" is not registered").And.Contain("register(\"dev\")");
        File.Exists(new StateDirectory(_state.Path).ConversationPath).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_corrupt_registry_is_an_error_naming_the_file_and_is_left_as_it_was()
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));
        var registry = new StateDirectory(_state.Path).RegistryPath;
        Directory.CreateDirectory(Path.GetDirectoryName(registry)!);
        File.WriteAllText(registry, "{\"peers\": {\"dev\": ");

        var result = await server.CallAsync("list_peers");

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain(registry).And.Contain("corrupt").And.Contain("will not reset");
        File.ReadAllText(registry).Should().Be("{\"peers\": {\"dev\": ");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_corrupt_prompts_file_is_an_error_and_is_not_overwritten_by_set_prompt()
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));
        var prompts = new StateDirectory(_state.Path).PromptsPath;
        Directory.CreateDirectory(Path.GetDirectoryName(prompts)!);
        File.WriteAllText(prompts, "not json");

        var result = await server.CallAsync("set_prompt", new() { ["role"] = "dev", ["prompt"] = "p" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain(prompts);
        File.ReadAllText(prompts).Should().Be("not json");
    }

    public void Dispose() => _state.Dispose();
}
