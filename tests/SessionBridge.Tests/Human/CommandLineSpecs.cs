using System.Text.Json;
using SessionBridge.Setup;

namespace SessionBridge.Tests.Human;

/// <summary>session-bridge's commands, run as a process against a temporary state directory and a private tmux server.</summary>
public sealed class CommandLineSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _home = new("home");

    private CliProcess Cli(string? pane = null) => new(_state.Path, _home.Path, tmux, pane);

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_register_a_pane_send_to_it_and_read_the_conversation()
    {
        // Arrange
        var (pane, received) = await tmux.StartRecorderAsync();

        // Act
        var register = await Cli().RunAsync("register", "dev", "--pane", pane);
        var send = await Cli().RunAsync("send", "dev", "build the schema");
        var history = await Cli().RunAsync("history", "--json");
        var tail = await Cli().RunAsync("tail", "-n", "5");
        var peers = await Cli().RunAsync("peers");
        var peersJson = await Cli().RunAsync("peers", "--json");

        // Assert
        register.ExitCode.Should().Be(0, register.StandardError);
        send.ExitCode.Should().Be(0, send.StandardOutput);
        await Eventually.WaitAsync(() => File.ReadAllText(received) == "[from:person] build the schema\n", "the message to arrive");
        var message = JsonDocument.Parse(history.StandardOutput).RootElement.GetProperty("messages")[0];
        message.GetProperty("from").GetString().Should().Be("person");
        message.GetProperty("text").GetString().Should().Be("build the schema");
        tail.StandardOutput.Should().Contain("person → dev").And.Contain("build the schema");
        peers.StandardOutput.Should().Contain("dev").And.Contain(pane);
        JsonDocument.Parse(peersJson.StandardOutput).RootElement.GetProperty("peers")[0].GetProperty("alive").GetBoolean().Should().BeTrue();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_send_that_is_not_delivered_exits_3_and_is_kept_in_the_inbox()
    {
        var (pane, _) = await tmux.StartRecorderAsync();
        await Cli().RunAsync("register", "dev", "--pane", pane);
        await tmux.KillPaneAsync(pane);

        var send = await Cli().RunAsync("send", "dev", "anyone?");
        var inbox = await Cli().RunAsync("inbox", "dev", "--json");

        send.ExitCode.Should().Be(3);
        send.StandardOutput.Should().Contain("not delivered");
        JsonDocument.Parse(inbox.StandardOutput).RootElement.GetProperty("messages")[0]
            .GetProperty("text").GetString().Should().Be("anyone?");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_manage_prompts_from_the_command_line()
    {
        var set = await Cli().RunWithInputAsync("You are dev.\nWrite tests first.", "prompt", "set", "dev", "-");
        var get = await Cli().RunAsync("prompt", "get", "dev");
        var list = await Cli().RunAsync("prompt", "list", "--json");
        var delete = await Cli().RunAsync("prompt", "delete", "dev");
        var missing = await Cli().RunAsync("prompt", "get", "dev");

        set.ExitCode.Should().Be(0);
        get.StandardOutput.Should().Be("You are dev.\nWrite tests first.\n");
        JsonDocument.Parse(list.StandardOutput).RootElement.GetProperty("prompts").GetArrayLength().Should().Be(1);
        delete.StandardOutput.Should().Contain("deleted");
        missing.ExitCode.Should().Be(1);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Bad_input_exits_1_with_the_reason_and_an_unknown_command_exits_2()
    {
        var badRole = await Cli().RunAsync("send", "Dev", "hi");
        var unknown = await Cli().RunAsync("frobnicate");

        badRole.ExitCode.Should().Be(1);
        badRole.StandardOutput.Should().Contain("not a valid role name");
        unknown.ExitCode.Should().Be(2);
        unknown.StandardError.Should().Contain("frobnicate");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Tail_follow_prints_messages_as_they_are_sent_and_Ctrl_C_stops_it()
    {
        // Arrange: tail -f where a person runs it, in a terminal (a pane), stopped with Ctrl-C there. Regression: the spec
        // sent SIGINT itself, which a run started in the background (SIGINT ignored, as a shell leaves it for background
        // jobs, and inherited) never delivers, so tail -f rightly went on and the spec hung.
        var (pane, _) = await tmux.StartRecorderAsync();
        await Cli().RunAsync("register", "dev", "--pane", pane);
        await Cli().RunAsync("send", "dev", "earlier message");
        var follower = await tmux.StartPaneAsync(
            $"exec env SESSION_BRIDGE_DIR='{_state.Path}' HOME='{_home.Path}' NO_COLOR=1 '{BuiltExecutables.Server}' tail -f"
        );
        await tmux.Tmux("set-option", "-p", "-t", follower, "remain-on-exit", "on");

        // tail prints the last messages after taking its position: once it has printed, it is following.
        await Eventually.WaitAsync(async () => (await tmux.CaptureAsync(follower)).Contains("earlier message"), "tail -f to start");
        (await tmux.CaptureAsync(follower)).Should().NotContain("live message");

        // Act
        await Cli().RunAsync("send", "dev", "live message");
        await Eventually.WaitAsync(async () => (await tmux.CaptureAsync(follower)).Contains("live message"), "tail -f to print the message");
        await tmux.Tmux("send-keys", "-t", follower, "C-c");

        // Assert
        // Stopped, by the signal as Unix programs stop on Ctrl-C (the pane keeps no exit status then), with no error.
        await Eventually.WaitAsync(async () => await tmux.DisplayAsync(follower, "#{pane_dead}") == "1", "tail -f to stop on Ctrl-C");
        (await tmux.CaptureAsync(follower)).Should().NotContainAny("error", "Unhandled", "Exception");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Doctor_flags_a_corrupt_registry_a_stale_pane_and_a_missing_hook()
    {
        // Arrange
        var (pane, _) = await tmux.StartRecorderAsync();
        await Cli().RunAsync("register", "dev", "--pane", pane);
        await tmux.KillPaneAsync(pane);

        // Act
        var stale = await Cli().RunAsync("doctor");
        File.WriteAllText(Path.Combine(_state.Path, "registry.json"), "{ broken");
        var corrupt = await Cli().RunAsync("doctor", "--json");

        // Assert
        stale.ExitCode.Should().Be(4);
        stale.StandardOutput.Should().Contain("role dev").And.Contain("gone").And.Contain("session-bridge up");
        stale.StandardOutput.Should().Contain("SessionStart hook").And.Contain("not wired");
        corrupt.ExitCode.Should().Be(4);
        var checks = JsonDocument.Parse(corrupt.StandardOutput).RootElement.EnumerateArray().ToList();
        checks.Single(c => c.GetProperty("name").GetString() == "registry.json")
            .GetProperty("outcome").GetString().Should().Be("failed");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Doctor_passes_on_a_good_setup()
    {
        // Arrange: a live registration, the server in ~/.claude.json, the hook on every event and our tools allowed in settings.json.
        var pane = await tmux.StartPaneAsync("sleep 86400");
        await Cli().RunAsync("register", "gestor", "--pane", pane);
        await Cli().RunAsync("prompt", "set", "gestor", "You are gestor.");
        var hook = Path.Combine(_home.Path, "session-bridge-hook");
        File.WriteAllText(hook, "#!/bin/sh\n");
        Directory.CreateDirectory(Path.Combine(_home.Path, ".claude"));
        File.WriteAllText(Path.Combine(_home.Path, ".claude.json"),
            """{"mcpServers":{"session-bridge":{"type":"stdio","command":"/x/session-bridge","args":[]}}}""");
        new ClaudeSettings(Path.Combine(_home.Path, ".claude", "settings.json")).Install(hook, DateTimeOffset.UtcNow, allowTools: true);

        // Act
        var doctor = await Cli(pane).RunAsync("doctor");

        // Assert
        doctor.ExitCode.Should().Be(0, doctor.StandardOutput);
        doctor.StandardOutput.Should().NotContain("warn").And.NotContain("FAIL");
        doctor.StandardOutput.Should().Contain("hook in this pane").And.Contain("You are the \"gestor\" session");
    }

    public void Dispose()
    {
        _state.Dispose();
        _home.Dispose();
    }
}
