using SessionBridge.Bridge;
using SessionBridge.Errors;

namespace SessionBridge.Tests.Bridge;

/// <summary>
/// Every SESSION_BRIDGE_ setting read in one place (BridgeSettings), with one policy for a bad value: refused,
/// naming the variable, the value and what is allowed. The programs' side of it is in Human/BadSettingSpecs.
/// </summary>
public sealed class BridgeSettingsSpecs
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value ?? (name == "HOME" ? "/home/someone" : null);

    [Fact]
    public void An_empty_environment_gives_the_defaults()
    {
        // Act
        var settings = BridgeSettings.Read(Environment());

        // Assert
        settings.StateDirectory.Should().Be("/home/someone/.claude/session-bridge");
        settings.SettleDelay.Should().Be(Timings.SettleDelay);
        settings.MaxPerMinute.Should().Be(Limits.DefaultMaxPerMinute);
        settings.DecisionWaitTime.Should().Be(TimeSpan.FromSeconds(600));
        settings.LogLevel.Should().BeNull();
        settings.Cli.Should().BeNull();
    }

    [Fact]
    public void Values_in_range_are_taken()
    {
        // Act
        var settings = BridgeSettings.Read(
            Environment(
                ("SESSION_BRIDGE_DIR", "/tmp/team"),
                ("SESSION_BRIDGE_SETTLE_MS", "0"),
                ("SESSION_BRIDGE_MAX_PER_MINUTE", "3"),
                ("SESSION_BRIDGE_DECISION_WAIT", "1800"),
                ("SESSION_BRIDGE_LOG", "Debug"),
                ("SESSION_BRIDGE_CLI", "/opt/sb/session-bridge")
            )
        );

        // Assert
        settings.StateDirectory.Should().Be("/tmp/team");
        settings.SettleDelay.Should().Be(TimeSpan.Zero);
        settings.MaxPerMinute.Should().Be(3);
        settings.DecisionWaitTime.Should().Be(TimeSpan.FromSeconds(1800));
        settings.LogLevel.Should().Be("debug");
        settings.Cli.Should().Be("/opt/sb/session-bridge");
    }

    [Theory]
    [InlineData("SESSION_BRIDGE_MAX_PER_MINUTE", "0", "a whole number of messages from 1 to 10000")]
    [InlineData("SESSION_BRIDGE_MAX_PER_MINUTE", "abc", "a whole number of messages from 1 to 10000")]
    [InlineData("SESSION_BRIDGE_MAX_PER_MINUTE", "2.5", "a whole number of messages from 1 to 10000")]
    [InlineData("SESSION_BRIDGE_SETTLE_MS", "10001", "a whole number of milliseconds from 0 to 10000")]
    [InlineData("SESSION_BRIDGE_DECISION_WAIT", "0", "a whole number of seconds from 1 to 1800")]
    [InlineData("SESSION_BRIDGE_DECISION_WAIT", "-1", "a whole number of seconds from 1 to 1800")]
    [InlineData("SESSION_BRIDGE_LOG", "chatty", "one of trace, debug, info, information, warn, warning, error, none, off")]
    public void A_bad_value_is_refused_naming_the_variable_the_value_and_what_is_allowed(string variable, string value, string allowed)
    {
        // Act
        var act = () => BridgeSettings.Read(Environment((variable, value)));

        // Assert
        act.Should()
            .Throw<SettingException>()
            .Where(e => e.Variable == variable && e.Value == value && e.Code == ErrorCode.InvalidArgument)
            .WithMessage($"{variable} is \"{value}\": it must be {allowed}.*");
    }

    [Fact]
    public void For_the_hook_a_bad_value_is_told_and_that_setting_keeps_its_default()
    {
        // Arrange
        var told = new List<string>();

        // Act
        var settings = BridgeSettings.ReadOrDefault(
            Environment(("SESSION_BRIDGE_DECISION_WAIT", "99999"), ("SESSION_BRIDGE_MAX_PER_MINUTE", "7")),
            told.Add
        );

        // Assert
        told.Should().ContainSingle().Which.Should().Contain("SESSION_BRIDGE_DECISION_WAIT is \"99999\"");
        settings.DecisionWaitTime.Should().Be(TimeSpan.FromSeconds(600));
        settings.MaxPerMinute.Should().Be(7);
    }
}
