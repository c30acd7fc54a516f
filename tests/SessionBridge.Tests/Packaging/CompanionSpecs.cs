using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using SessionBridge.State;
using SessionBridge.State.Nats;

namespace SessionBridge.Tests.Packaging;

/// <summary>
/// session-bridge and session-bridge-hook, which every session on the file store starts, carry no NATS client; with
/// SESSION_BRIDGE_NATS set they hand over to session-bridge-nats beside them, which does. Without it, the server says
/// what to do and the hook stays silent. (The NATS specs that run the server or the hook as processes all go through
/// this hand-over: they are the proof that NATS mode keeps its behaviour.)
/// </summary>
public sealed class CompanionSpecs(NatsServer nats) : IClassFixture<NatsServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");
    private readonly string _team = "t" + Guid.NewGuid().ToString("N")[..12];

    private Dictionary<string, string?> NatsVariables(string url) =>
        new()
        {
            ["SESSION_BRIDGE_NATS"] = url,
            ["SESSION_BRIDGE_TEAM"] = _team,
            ["SESSION_BRIDGE_HOST"] = "devbox",
        };

    [Theory]
    [InlineData("session-bridge")]
    [InlineData("session-bridge-hook")]
    public void The_lean_programs_link_no_NATS_client_and_the_companion_does(string program)
    {
        // Act
        var lean = Libraries(program);
        var companion = Libraries("session-bridge-nats");

        // Assert: the companion's list shows what the check looks for.
        lean.Should().Contain("SessionBridge.Core").And.NotContain(l => l.StartsWith("NATS.", StringComparison.Ordinal) || l == "SessionBridge.Nats");
        companion.Should().Contain(["NATS.Client.Core", "NATS.Client.KeyValueStore", "SessionBridge.Nats"]);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task With_SESSION_BRIDGE_NATS_set_the_server_hands_over_and_keeps_the_team_on_NATS()
    {
        NatsServer.SkipUnlessAvailable();

        // Arrange
        await using var server = await ServerProcess.StartAsync(_state.Path, NatsVariables(nats.Url));

        // Act
        var saved = await server.CallToolAsync(
            "set_prompt",
            new Dictionary<string, object?> { ["role"] = "dev", ["prompt"] = "You write the code." },
            cancellationToken: TestContext.Current.CancellationToken
        );
        var peers = await server.CallToolAsync("list_peers", cancellationToken: TestContext.Current.CancellationToken);

        // Assert: on NATS, where a store opened with the NATS client finds it, and not in the local folder.
        saved.IsError.Should().NotBe(true, saved.Text());
        peers.IsError.Should().NotBe(true, peers.Text());
        peers.Json().GetProperty("peers").GetArrayLength().Should().Be(0);
        var variables = NatsVariables(nats.Url);
        await using var store = StateStore.Open(new StateDirectory(_state.Path), TimeSpan.FromSeconds(10), TimeProvider.System, name => variables.GetValueOrDefault(name), new NatsBackend());
        (await store.Prompts.AllAsync(TestContext.Current.CancellationToken)).Select(p => p.Role).Should().Equal("dev");
        File.Exists(Path.Combine(_state.Path, "prompts.json")).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Without_the_companion_the_command_line_says_what_to_do_and_the_hook_stays_silent()
    {
        // Arrange: the lean programs alone, as an install that lost session-bridge-nats.
        using var install = new TempDirectory("install");
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory).Where(f => !Path.GetFileName(f).StartsWith("session-bridge-nats", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(install.Path, Path.GetFileName(file)));
        var variables = NatsVariables("nats://127.0.0.1:4222");
        variables["SESSION_BRIDGE_DIR"] = _state.Path;
        variables["TMUX_PANE"] = "%1";

        // Act
        var cli = await CliWrap.Cli.Wrap(Path.Combine(install.Path, "session-bridge"))
            .WithArguments(["peers"])
            .WithEnvironmentVariables(variables)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        var hook = await HookProcess.RunAsync(
            """{"hook_event_name":"SessionStart","source":"clear","session_id":"s1"}""",
            variables,
            executable: Path.Combine(install.Path, "session-bridge-hook")
        );

        // Assert
        cli.ExitCode.Should().Be(1);
        cli.StandardError.Should().Contain("session-bridge-nats").And.Contain("./install.sh").And.Contain("unset SESSION_BRIDGE_NATS");
        hook.ExitCode.Should().Be(0);
        hook.Stdout.Should().BeEmpty();
        hook.Stderr.Should().Contain("session-bridge-nats").And.Contain("./install.sh");
    }

    // The libraries a program's build lists in its deps.json: what the .NET host loads it with.
    private static List<string> Libraries(string program)
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, program + ".deps.json")));
        return [.. deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name[..l.Name.IndexOf('/', StringComparison.Ordinal)])];
    }

    public void Dispose() => _state.Dispose();
}
