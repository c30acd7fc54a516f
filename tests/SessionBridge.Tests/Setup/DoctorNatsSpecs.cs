using System.Diagnostics;
using System.Text.Json;

namespace SessionBridge.Tests.Setup;

/// <summary>
/// `session-bridge doctor` with SESSION_BRIDGE_NATS set checks the way to the team's shared state: the connection
/// (servers, team, host), JetStream, the team's buckets and stream, and the round-trip time; a refused login or a
/// server that is down is a failed check that says what to do, within seconds.
/// </summary>
public sealed class DoctorNatsSpecs(NatsServerWithPassword nats) : IClassFixture<NatsServerWithPassword>, IDisposable
{
    private readonly TempDirectory _home = new("home");
    private readonly TempDirectory _state = new("state");
    private readonly string _team = "t" + Guid.NewGuid().ToString("N")[..12];

    private CliProcess Cli(string url) =>
        new(
            _state.Path,
            _home.Path,
            variables: new Dictionary<string, string?>
            {
                ["SESSION_BRIDGE_NATS"] = url,
                ["SESSION_BRIDGE_TEAM"] = _team,
                ["SESSION_BRIDGE_HOST"] = "laptop",
            }
        );

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Doctor_on_NATS_shows_the_connection_JetStream_the_teams_state_and_the_round_trip()
    {
        NatsServer.SkipUnlessAvailable();

        // Act
        var text = await Cli(nats.UrlWithCredentials).RunAsync("doctor");
        (await Cli(nats.UrlWithCredentials).RunAsync("prompt", "set", "dev", "You write the code.")).ExitCode.Should().Be(0);
        var json = await Cli(nats.UrlWithCredentials).RunAsync("doctor", "--json");

        // Assert
        text.StandardOutput.Should()
            .Contain($"ok   NATS connection: {nats.Url} (team {_team}), this host \"laptop\": connected to nats-server 2.")
            .And.Contain("as user sb");
        text.StandardOutput.Should().Contain("ok   JetStream: enabled");
        text.StandardOutput.Should().Contain($"ok   team state: team {_team} has nothing on the server yet: its buckets and stream are made on first use");
        text.StandardOutput.Should().MatchRegex(@"ok   NATS round trip: ping \d+\.\d ms, a JetStream call \d+\.\d ms \(median of 5\)");
        text.StandardOutput.Should().NotContain("registry.json").And.NotContain("s3cret-pw");
        var checks = JsonDocument.Parse(json.StandardOutput).RootElement.EnumerateArray().ToList();
        checks.Single(c => c.GetProperty("name").GetString() == "NATS round trip").GetProperty("outcome").GetString().Should().Be("ok");
        checks.Single(c => c.GetProperty("name").GetString() == "JetStream").GetProperty("outcome").GetString().Should().Be("ok");
        checks.Single(c => c.GetProperty("name").GetString() == "team state").GetProperty("detail").GetString()
            .Should().StartWith($"team {_team}: buckets prompts (1 key)").And.EndWith("; anything else is made on first use");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_refused_login_fails_the_connection_check_and_says_which_setting_to_fix()
    {
        NatsServer.SkipUnlessAvailable();

        // Act
        var result = await Cli(nats.UrlWithCredentials.Replace("s3cret-pw", "wrong", StringComparison.Ordinal)).RunAsync("doctor");

        // Assert
        result.ExitCode.Should().Be(4, result.StandardOutput);
        result.StandardOutput.Should().Contain("FAIL NATS connection").And.Contain("the server refused the login");
        result.StandardOutput.Should().Contain("fix: Check the user and password");
        result.StandardOutput.Should().NotContain("JetStream:").And.NotContain("wrong");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_server_that_is_down_fails_the_connection_check_within_seconds()
    {
        NatsServer.SkipUnlessAvailable();

        // Arrange: a loopback port nothing listens on.
        var port = NatsServer.FreePort();

        // Act
        var result = await Cli($"nats://sb:s3cret-pw@127.0.0.1:{port}").RunAsync("doctor", "--json");

        // Assert
        result.ExitCode.Should().Be(4, result.StandardOutput);
        var connection = JsonDocument.Parse(result.StandardOutput).RootElement.EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "NATS connection");
        connection.GetProperty("outcome").GetString().Should().Be("failed");
        connection.GetProperty("detail").GetString().Should().Contain($"nats://127.0.0.1:{port} (team {_team})").And.Contain("no answer");
        connection.GetProperty("fix").GetString().Should().Contain("nats-server -js");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_malformed_address_is_a_failed_check_not_a_crash()
    {
        // Act
        var result = await Cli("http://example.com").RunAsync("doctor");

        // Assert
        result.ExitCode.Should().Be(4, result.StandardOutput);
        result.StandardOutput.Should().Contain("FAIL NATS settings").And.Contain("is not a NATS address");
        result.StandardOutput.Should().Contain("fix: Fix the variable it names");
    }

    public void Dispose()
    {
        _home.Dispose();
        _state.Dispose();
    }
}
