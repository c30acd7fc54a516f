using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Server;

public sealed class PromptSpecs : IDisposable
{
    private readonly TempDirectory _state = new("state");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_save_read_list_and_delete_a_role_prompt()
    {
        // Arrange
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));
        const string briefing = "You are dev.\nWrite tests first; report to \"gestor\".";

        // Act
        var saved = (await server.CallAsync("set_prompt", new() { ["role"] = "dev", ["prompt"] = briefing })).Json();
        await server.CallAsync("set_prompt", new() { ["role"] = "reviewer", ["prompt"] = "You review." });
        var read = (await server.CallAsync("get_prompt", new() { ["role"] = "dev" })).Json();
        var all = (await server.CallAsync("list_prompts")).Json();
        var deleted = (await server.CallAsync("delete_prompt", new() { ["role"] = "dev" })).Json();
        var again = (await server.CallAsync("delete_prompt", new() { ["role"] = "dev" })).Json();
        var gone = (await server.CallAsync("get_prompt", new() { ["role"] = "dev" })).Json();

        // Assert
        saved.GetProperty("found").GetBoolean().Should().BeTrue();
        read.GetProperty("prompt").GetString().Should().Be(briefing);
        read.GetProperty("role").GetString().Should().Be("dev");
        read.TryGetProperty("updatedAt", out _).Should().BeTrue();
        all.GetProperty("prompts").EnumerateArray().Select(p => p.GetProperty("role").GetString())
            .Should().Equal("dev", "reviewer");
        deleted.GetProperty("deleted").GetBoolean().Should().BeTrue();
        again.GetProperty("deleted").GetBoolean().Should().BeFalse();
        gone.GetProperty("found").GetBoolean().Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Prompts_survive_a_server_restart()
    {
        await using (var first = await InProcessServer.StartAsync(TestBridge.Options(_state.Path)))
            await first.CallAsync("set_prompt", new() { ["role"] = "dev", ["prompt"] = "kept" });

        await using var second = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));
        var read = (await second.CallAsync("get_prompt", new() { ["role"] = "dev" })).Json();

        read.GetProperty("prompt").GetString().Should().Be("kept");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task State_files_are_private_to_the_user()
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        await server.CallAsync("set_prompt", new() { ["role"] = "dev", ["prompt"] = "secret briefing" });

        File.GetUnixFileMode(_state.Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(new StateDirectory(_state.Path).PromptsPath)
            .Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public void Dispose() => _state.Dispose();
}
