using System.Text.Json;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Human;

/// <summary>
/// Every command takes --json for scripts, an error with --json is JSON too, and a person never sees raw
/// markup or the tools' words (<c>register("x")</c>, <c>'pane'</c>, <c>force:true</c>).
/// </summary>
public sealed class CommandLineJsonSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _home = new("home");

    private CliProcess Cli() => new(_state.Path, _home.Path, tmux);

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Every_command_prints_json_with_json()
    {
        // Arrange
        var (pane, _) = await tmux.StartRecorderAsync();
        string[][] commands =
        [
            ["register", "dev", "--pane", pane, "--json"],
            ["send", "dev", "hello", "--json"],
            ["peers", "--json"],
            ["history", "--json"],
            ["tail", "--json"],
            ["inbox", "dev", "--json"],
            ["prompt", "set", "dev", "You are dev.", "--json"],
            ["prompt", "get", "dev", "--json"],
            ["prompt", "list", "--json"],
            ["prompt", "delete", "dev", "--json"],
            ["doctor", "--json"],
            ["install", "--hook", BuiltExecutables.Hook, "--json"],
            ["uninstall", "--json"],
        ];

        foreach (var command in commands)
        {
            // Act
            var result = await Cli().RunAsync(command);

            // Assert
            var because = $"`session-bridge {string.Join(' ', command)}` printed:\n{result.StandardOutput}{result.StandardError}";
            result.StandardOutput.Should().NotBeNullOrWhiteSpace(because);
            foreach (var line in command[0] == "tail" ? result.StandardOutput.TrimEnd().Split('\n') : [result.StandardOutput])
                FluentActions.Invoking(() => JsonDocument.Parse(line)).Should().NotThrow(because);
        }
    }

    [Theory(Timeout = Timeouts.Spec)]
    [InlineData("send", "nobody", "hi")]
    [InlineData("inbox", "Not A Role")]
    [InlineData("prompt", "set", "dev", " ")]
    [InlineData("register", "dev", "--pane", "3")]
    public async Task An_error_with_json_is_json_on_stdout_with_the_same_exit_code(params string[] command)
    {
        // Arrange
        var plain = await Cli().RunAsync(command);

        // Act
        var json = await Cli().RunAsync([.. command, "--json"]);

        // Assert
        json.ExitCode.Should().Be(plain.ExitCode).And.NotBe(0);
        var error = JsonDocument.Parse(json.StandardOutput).RootElement.GetProperty("error");
        error.GetProperty("code").GetString().Should().NotBeNullOrEmpty();
        error.GetProperty("message").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_usage_error_with_json_is_json_and_exits_2()
    {
        var result = await Cli().RunAsync("inbox", "--json");

        result.ExitCode.Should().Be(2);
        JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("error").GetProperty("code").GetString()
            .Should().Be("usage");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Command_line_errors_speak_of_commands_not_tool_calls()
    {
        // Act
        var unregistered = await Cli().RunAsync("send", "nobody", "hi");
        var badPane = await Cli().RunAsync("register", "dev", "--pane", "3");
        var json = await Cli().RunAsync("send", "nobody", "hi", "--json");

        // Assert
        unregistered.StandardOutput.Should().Contain("session-bridge register nobody").And.Contain("session-bridge peers")
            .And.NotContain("register(\"").And.NotContain("list_peers");
        badPane.StandardOutput.Should().Contain("--pane").And.NotContain("'pane'");
        JsonDocument.Parse(json.StandardOutput).RootElement.GetProperty("error").GetProperty("code").GetString()
            .Should().Be("not_registered");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task No_command_prints_raw_markup()
    {
        // Arrange
        var (pane, _) = await tmux.StartRecorderAsync();
        string[][] commands =
        [
            ["register", "dev", "--pane", pane],
            ["send", "dev", "a [bracketed] word"],
            ["peers"],
            ["history"],
            ["tail"],
            ["inbox", "dev"],
            ["prompt", "set", "dev", "x"],
            ["prompt", "get", "dev"],
            ["prompt", "list"],
            ["prompt", "delete", "dev"],
            ["prompt", "delete", "dev"],
            ["send", "nobody", "hi"],
        ];

        foreach (var command in commands)
        {
            // Act
            var result = await Cli().RunAsync(command);

            // Assert
            var output = result.StandardOutput + result.StandardError;
            output.Should().NotContainAny(["[/]", "[green]", "[red]", "[grey]", "[yellow]"], $"`session-bridge {string.Join(' ', command)}` printed:\n{output}");
        }
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Saving_a_one_character_prompt_says_1_character()
    {
        var result = await Cli().RunAsync("prompt", "set", "dev", "x");

        result.StandardOutput.Should().Contain("(1 character)");
    }

    public void Dispose()
    {
        _state.Dispose();
        _home.Dispose();
    }
}
