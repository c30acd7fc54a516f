using System.Text.Json;
using CliWrap.Buffered;

namespace SessionBridge.Tests.Human;

/// <summary>
/// One policy for a bad <c>SESSION_BRIDGE_…</c> value (docs/configuration.md): refused, never ignored, clamped or
/// guessed at, with a message naming the variable, the value and what is allowed. The command line stops; the
/// hook says it on stderr and goes on with the default, since it must never fail Claude Code.
/// </summary>
public sealed class BadSettingSpecs : IDisposable
{
    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _home = new("home");

    private Task<BufferedCommandResult> CliAsync(string variable, string value, params string[] arguments) =>
        CliProcess.OutsideTmux(_state.Path, _home.Path, new Dictionary<string, string?> { [variable] = value }).RunAsync(arguments);

    [Theory(Timeout = Timeouts.Spec)]
    [InlineData("SESSION_BRIDGE_MAX_PER_MINUTE", "0", "a whole number of messages from 1 to 10000")]
    [InlineData("SESSION_BRIDGE_MAX_PER_MINUTE", "abc", "a whole number of messages from 1 to 10000")]
    [InlineData("SESSION_BRIDGE_MAX_PER_MINUTE", "10001", "a whole number of messages from 1 to 10000")]
    [InlineData("SESSION_BRIDGE_SETTLE_MS", "-5", "a whole number of milliseconds from 0 to 10000")]
    [InlineData("SESSION_BRIDGE_DECISION_WAIT", "3600", "a whole number of seconds from 1 to 1800")]
    [InlineData("SESSION_BRIDGE_LOG", "loud", "one of trace, debug, info")]
    public async Task The_command_line_refuses_a_bad_value_naming_the_variable_the_value_and_the_range(
        string variable,
        string value,
        string allowed
    )
    {
        // Act
        var result = await CliAsync(variable, value, "history");

        // Assert
        result.ExitCode.Should().Be(1);
        (result.StandardOutput + result.StandardError).Should().Contain($"{variable} is \"{value}\": it must be {allowed}");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task With_json_the_refusal_is_a_json_error_for_a_script()
    {
        // Act
        var result = await CliAsync("SESSION_BRIDGE_MAX_PER_MINUTE", "0", "peers", "--json");

        // Assert
        result.ExitCode.Should().Be(1);
        using var error = JsonDocument.Parse(result.StandardOutput);
        error.RootElement.GetProperty("error").GetProperty("code").GetString().Should().Be("invalid_argument");
        error.RootElement.GetProperty("error").GetProperty("message").GetString().Should().Contain("SESSION_BRIDGE_MAX_PER_MINUTE is \"0\"");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_value_in_range_is_taken()
    {
        // Act
        var result = await CliAsync("SESSION_BRIDGE_MAX_PER_MINUTE", "10000", "history");

        // Assert
        result.ExitCode.Should().Be(0, result.StandardOutput + result.StandardError);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_hook_says_it_on_stderr_and_still_exits_0()
    {
        // Act
        var outcome = await HookProcess.RunAsync(
            """{"hook_event_name":"SessionStart","source":"clear"}""",
            new Dictionary<string, string?>
            {
                ["SESSION_BRIDGE_DIR"] = _state.Path,
                ["SESSION_BRIDGE_DECISION_WAIT"] = "0",
            }
        );

        // Assert
        outcome.ExitCode.Should().Be(0);
        outcome.Stdout.Should().BeEmpty();
        outcome.Stderr.Should().Contain("SESSION_BRIDGE_DECISION_WAIT is \"0\": it must be a whole number of seconds from 1 to 1800");
    }

    public void Dispose()
    {
        _state.Dispose();
        _home.Dispose();
    }
}
