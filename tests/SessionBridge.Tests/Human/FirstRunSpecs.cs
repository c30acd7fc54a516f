using System.Text.Json;
using CliWrap.Buffered;

namespace SessionBridge.Tests.Human;

/// <summary>
/// What a new user meets on a first run, from a run on Claude Code 2.1.332 (issue 21): command-line mistakes
/// told in the command line's words with the command's usage, plain messages for a corrupt registry, a doctor
/// that does not call a missing file valid, a note for a role nobody registered, a way to name another tmux
/// server, and a piped board without padding.
/// </summary>
public sealed class FirstRunSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _home = new("home");

    private CliProcess Cli(string? pane = null) => new(_state.Path, _home.Path, tmux, pane);

    private Task<BufferedCommandResult> OutsideTmuxAsync(params string[] arguments) =>
        CliProcess.OutsideTmux(_state.Path, _home.Path).RunAsync(arguments);

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_value_of_the_wrong_kind_is_told_in_the_command_lines_words_with_its_usage()
    {
        // Act
        var result = await Cli().RunAsync("history", "-n", "abc");

        // Assert: regression: "Cannot parse argument 'abc' for option '--limit' as expected type 'System.Int32'"
        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain("--limit takes a whole number, not 'abc'.")
            .And.Contain("usage: session-bridge history [options]")
            .And.NotContain("System.");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_command_without_its_arguments_says_what_is_missing_and_shows_its_usage()
    {
        // Act
        var send = await Cli().RunAsync("send");
        var json = await Cli().RunAsync("send", "dev", "--json");

        // Assert
        send.ExitCode.Should().Be(2);
        send.StandardError.Should().Contain("session-bridge send needs <to> (the recipient's role) and <text>")
            .And.Contain("usage: session-bridge send <to> <text> [options]")
            .And.NotContain("Required argument");
        json.ExitCode.Should().Be(2);
        var error = JsonDocument.Parse(json.StandardOutput).RootElement.GetProperty("error");
        error.GetProperty("code").GetString().Should().Be("usage");
        error.GetProperty("message").GetString().Should().Contain("needs <text>").And.Contain("usage: session-bridge send <to> <text> [options]");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task An_unknown_option_or_command_is_named_with_what_there_is()
    {
        // Act
        var option = await Cli().RunAsync("peers", "--bogus");
        var command = await Cli().RunAsync("frobnicate");

        // Assert
        option.ExitCode.Should().Be(2);
        option.StandardError.Should().Contain("session-bridge peers has no option --bogus.").And.Contain("usage: session-bridge peers [options]");
        command.ExitCode.Should().Be(2);
        command.StandardError.Should().Contain("'frobnicate' is not a command of session-bridge: it has up, down, peers, send,")
            .And.NotContain("Required command was not provided");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_corrupt_registry_is_told_with_its_line_and_column_in_plain_words()
    {
        // Arrange: a registry cut short
        File.WriteAllText(Path.Combine(_state.Path, "registry.json"), "{\"peers\": {\"dev\": {\"role\": \"dev\",\n \"pane\": \"%1\"");

        // Act
        var result = await Cli().RunAsync("peers");

        // Assert: regression: "ZeroDepthAtEnd, Path: $.roles | LineNumber: 0 …"
        result.ExitCode.Should().Be(1);
        result.StandardOutput.Should().Contain("registry.json is corrupt: it is not valid JSON: it ends at line 2, column 14")
            .And.NotContainAny("ZeroDepthAtEnd", "LineNumber", "BytePosition", "Path: $");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_registry_of_an_empty_object_is_an_empty_registry_and_a_null_entry_is_corrupt_not_a_crash()
    {
        // Arrange: regression: "{}" (a hand-emptied registry) crashed peers with a NullReferenceException
        var registry = Path.Combine(_state.Path, "registry.json");
        File.WriteAllText(registry, "{}");

        // Act
        var empty = await Cli().RunAsync("peers");
        File.WriteAllText(registry, "{\"peers\": {\"dev\": null}}");
        var nullEntry = await Cli().RunAsync("peers");

        // Assert
        empty.ExitCode.Should().Be(0, empty.StandardOutput + empty.StandardError);
        empty.StandardOutput.Should().Contain("No role is registered");
        nullEntry.ExitCode.Should().Be(1);
        nullEntry.StandardOutput.Should().Contain("registry.json is corrupt: the registration of \"dev\" lacks its role or pane");
        nullEntry.StandardError.Should().NotContain("Exception");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Doctor_with_no_state_yet_does_not_call_missing_files_valid()
    {
        // Act
        var result = await Cli().RunAsync("doctor");

        // Assert
        result.StandardOutput.Should().Contain("registry.json: not there yet (the first register writes it)")
            .And.Contain("prompts.json: not there yet (the first set_prompt writes it)")
            .And.NotContain("registry.json: valid");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Doctor_says_when_the_tools_would_stop_on_a_permission_prompt_and_how_to_allow_them()
    {
        // Act
        var before = await Cli().RunAsync("doctor");
        (await Cli().RunAsync("install", "--hook", BuiltExecutables.Hook, "--allow-tools")).ExitCode.Should().Be(0);
        var after = await Cli().RunAsync("doctor");

        // Assert
        before.StandardOutput.Should().Contain("warn tool permission: mcp__session-bridge is not in permissions.allow")
            .And.Contain("install --allow-tools");
        after.StandardOutput.Should().Contain("ok   tool permission: mcp__session-bridge is in permissions.allow");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Inbox_and_history_of_a_role_nobody_registered_say_so_and_exit_0()
    {
        // Arrange
        var (pane, _) = await tmux.StartRecorderAsync();
        (await Cli().RunAsync("register", "dev", "--pane", pane)).ExitCode.Should().Be(0);

        // Act
        var inbox = await Cli().RunAsync("inbox", "ghost");
        var history = await Cli().RunAsync("history", "--role", "ghost");
        var json = await Cli().RunAsync("inbox", "ghost", "--json");
        var known = await Cli().RunAsync("inbox", "dev");

        // Assert
        inbox.ExitCode.Should().Be(0);
        inbox.StandardOutput.Should().Contain("No role \"ghost\" is registered and no message was sent to it (registered: dev).");
        history.ExitCode.Should().Be(0);
        history.StandardOutput.Should().Contain("No role \"ghost\" is registered and no message was sent from or to it (registered: dev).");
        var result = JsonDocument.Parse(json.StandardOutput).RootElement;
        result.GetProperty("messages").GetArrayLength().Should().Be(0);
        result.GetProperty("note").GetString().Should().Contain("\"ghost\" is registered");
        known.StandardOutput.Should().Contain("0 unread").And.NotContain("is registered");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Register_outside_tmux_says_how_to_name_another_tmux_server_and_socket_does_it()
    {
        // Arrange
        var (pane, _) = await tmux.StartRecorderAsync();

        // Act
        var defaultServer = await OutsideTmuxAsync("register", "dev", "--pane", pane);
        var named = await OutsideTmuxAsync("register", "dev", "--pane", pane, "--socket", tmux.Socket);
        var peers = await OutsideTmuxAsync("peers", "--json");

        // Assert
        defaultServer.ExitCode.Should().Be(1);
        defaultServer.StandardOutput.Should().Contain("$TMUX").And.Contain("--socket");
        named.ExitCode.Should().Be(0, named.StandardOutput + named.StandardError);
        var dev = JsonDocument.Parse(peers.StandardOutput).RootElement.GetProperty("peers")[0];
        dev.GetProperty("pane").GetString().Should().Be(pane);
        dev.GetProperty("alive").GetBoolean().Should().BeTrue();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Watch_once_piped_does_not_pad_lines_with_trailing_spaces()
    {
        // Arrange
        var (pane, _) = await tmux.StartRecorderAsync();
        (await Cli().RunAsync("register", "dev", "--pane", pane)).ExitCode.Should().Be(0);
        await Cli().RunAsync("send", "dev", "build the schema");

        // Act
        var result = await Cli().RunAsync("watch", "--once");

        // Assert
        result.ExitCode.Should().Be(0, result.StandardOutput + result.StandardError);
        result.StandardOutput.Should().Contain("dev").And.Contain("build the schema");
        result.StandardOutput.Split('\n').Should().AllSatisfy(line => line.Should().NotEndWith(" "));
    }

    public void Dispose()
    {
        _state.Dispose();
        _home.Dispose();
    }
}
