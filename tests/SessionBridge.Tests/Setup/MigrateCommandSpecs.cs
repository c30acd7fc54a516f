using System.Text.Json;

namespace SessionBridge.Tests.Setup;

/// <summary>
/// `session-bridge migrate --to nats|files` as a person runs it: it says what it copied, refuses a destination that
/// already holds state unless --force, and a re-run with --force copies nothing twice.
/// </summary>
public sealed class MigrateCommandSpecs(NatsServer nats) : IClassFixture<NatsServer>, IDisposable
{
    private readonly TempDirectory _home = new("home");
    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _back = new("back");
    private readonly string _team = "t" + Guid.NewGuid().ToString("N")[..12];

    private CliProcess Cli(string state, bool onNats = true) =>
        new(
            state,
            _home.Path,
            variables: onNats
                ? new Dictionary<string, string?>
                {
                    ["SESSION_BRIDGE_NATS"] = nats.Url,
                    ["SESSION_BRIDGE_TEAM"] = _team,
                    ["SESSION_BRIDGE_HOST"] = "laptop",
                }
                // The same team on files: a team across machines is one of the machine's teams.
                : new Dictionary<string, string?> { ["SESSION_BRIDGE_TEAM"] = _team }
        );

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_move_a_teams_state_to_NATS_and_back_and_a_second_copy_is_refused_until_forced()
    {
        NatsServer.SkipUnlessAvailable();

        // Arrange: a state folder written by the command line on files.
        (await Cli(_state.Path, onNats: false).RunAsync("prompt", "set", "dev", "You write the code.")).ExitCode.Should().Be(0);
        (await Cli(_state.Path, onNats: false).RunAsync("prompt", "set", "gestor", "You plan.")).ExitCode.Should().Be(0);

        // Act
        var first = await Cli(_state.Path).RunAsync("migrate", "--to", "nats");
        var again = await Cli(_state.Path).RunAsync("migrate", "--to", "nats");
        var forced = await Cli(_state.Path).RunAsync("migrate", "--to", "nats", "--force", "--json");
        var onNats = await Cli(_back.Path).RunAsync("prompt", "get", "dev");
        var back = await Cli(_back.Path).RunAsync("migrate", "--to", "files");

        // Assert
        first.ExitCode.Should().Be(0, first.StandardOutput + first.StandardError);
        first.StandardOutput.Should().Contain($"copied {_state.Path} to {nats.Url} (team {_team}): 0 registrations, 2 prompts");
        again.ExitCode.Should().NotBe(0);
        again.StandardOutput.Should().Contain("is not empty: it holds 2 prompts").And.Contain("Nothing was copied").And.Contain("--force");
        forced.ExitCode.Should().Be(0, forced.StandardOutput);
        JsonDocument.Parse(forced.StandardOutput).RootElement.GetProperty("copied").GetProperty("prompts").GetInt32().Should().Be(2);
        onNats.StandardOutput.Trim().Should().Be("You write the code.");
        back.ExitCode.Should().Be(0, back.StandardOutput + back.StandardError);
        (await Cli(_back.Path, onNats: false).RunAsync("prompt", "get", "gestor")).StandardOutput.Trim().Should().Be("You plan.");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Migrate_without_a_NATS_server_says_which_variables_to_set()
    {
        // Act
        var result = await Cli(_state.Path, onNats: false).RunAsync("migrate", "--to", "nats");

        // Assert
        result.ExitCode.Should().NotBe(0);
        result.StandardOutput.Should().Contain("SESSION_BRIDGE_NATS is not set").And.Contain("SESSION_BRIDGE_TEAM");
    }

    public void Dispose()
    {
        _home.Dispose();
        _state.Dispose();
        _back.Dispose();
    }
}
