using System.Text.Json;

namespace SessionBridge.Tests.Human;

/// <summary>
/// What the command line tells a person is true and says what to do: after a tmux kill-server, without tmux on
/// PATH, and who a person's message is from. Each spec has a tmux server of its own (one of them is killed).
/// </summary>
public sealed class TruthfulMessageSpecs : IAsyncLifetime
{
    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _home = new("home");
    private readonly PrivateTmuxServer _tmux = new();

    public ValueTask InitializeAsync() => _tmux.InitializeAsync();

    private CliProcess Cli(IReadOnlyDictionary<string, string?>? variables = null) => new(_state.Path, _home.Path, _tmux, variables: variables);

    private async Task<string> RegisteredDevAsync()
    {
        var (pane, _) = await _tmux.StartFakeClaudeAsync();
        var register = await Cli().RunAsync("register", "dev", "--pane", pane);
        register.ExitCode.Should().Be(0, register.StandardOutput + register.StandardError);
        return pane;
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task After_the_tmux_server_is_killed_peers_and_down_advise_session_bridge_up()
    {
        // Arrange
        await RegisteredDevAsync();

        // Act
        await _tmux.Tmux("kill-server");
        var peers = await Cli().RunAsync("peers", "--json");
        var down = await Cli().RunAsync("down", "dev");

        // Assert
        var dev = JsonDocument.Parse(peers.StandardOutput).RootElement.GetProperty("peers")[0];
        dev.GetProperty("status").GetString().Should().Be("gone");
        dev.GetProperty("problem").GetString().Should().Contain("session-bridge up").And.NotContain("re-register");
        (down.StandardOutput + down.StandardError).Should().Contain("session-bridge up").And.NotContain("re-register");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Without_tmux_on_PATH_peers_and_down_fail_naming_tmux_and_the_live_role_is_left_alone()
    {
        // Arrange: dev alive in its pane; then a PATH with no tmux on it.
        await RegisteredDevAsync();
        using var empty = new TempDirectory("path");
        var noTmux = new Dictionary<string, string?> { ["PATH"] = empty.Path };

        // Act
        var peers = await Cli(noTmux).RunAsync("peers");
        var peersJson = await Cli(noTmux).RunAsync("peers", "--json");
        var down = await Cli(noTmux).RunAsync("down", "dev");
        var after = await Cli().RunAsync("peers", "--json");

        // Assert
        foreach (var run in new[] { peers, peersJson, down })
        {
            var said = run.StandardOutput + run.StandardError;
            run.ExitCode.Should().NotBe(0, said);
            said.Should().Contain("tmux is not installed or not on PATH").And.Contain("apt-get install tmux");
            said.Should().NotContain("inner exception").And.NotContain("not running").And.NotContain("gone");
        }

        var dev = JsonDocument.Parse(after.StandardOutput).RootElement.GetProperty("peers")[0];
        dev.GetProperty("status").GetString().Should().Be("alive", "down without tmux stopped nothing and marked nothing");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_command_line_send_is_from_person_and_person_cannot_be_registered_as_a_role()
    {
        // Arrange
        await RegisteredDevAsync();
        var (other, _) = await _tmux.StartFakeClaudeAsync();

        // Act
        var send = await Cli().RunAsync("send", "dev", "build the schema", "--json");
        var register = await Cli().RunAsync("register", "person", "--pane", other);

        // Assert
        send.ExitCode.Should().Be(0, send.StandardOutput + send.StandardError);
        JsonDocument.Parse(send.StandardOutput).RootElement.GetProperty("from").GetString().Should().Be("person");
        register.ExitCode.Should().Be(1);
        (register.StandardOutput + register.StandardError).Should().Contain("\"person\" is reserved for the person at the keyboard");
    }

    public async ValueTask DisposeAsync()
    {
        await _tmux.DisposeAsync();
        _state.Dispose();
        _home.Dispose();
    }
}
