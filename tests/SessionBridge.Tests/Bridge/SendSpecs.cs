using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Bridge;

/// <summary>send over a real tmux server: what arrives in the peer's pane, and what is logged.</summary>
public sealed class SendSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_send_a_multi_line_message_with_awkward_characters_and_the_peer_gets_exactly_the_text()
    {
        // Arrange
        var (devPane, received) = await tmux.StartRecorderAsync();
        var gestorPane = await tmux.StartPaneAsync("sleep 86400");
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, gestorPane));
        (await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane })).Json();
        (await server.CallAsync("register", new() { ["role"] = "gestor" })).Json();
        const string text =
            "He said \"ship it\" and 'now'\n$HOME and `whoami` stay literal; so does $(date)\n"
            + "-leading dash\n\tunicode: héllo → 世界 🎉\nend\u001b[201~ after the fake paste end";
        const string expected =
            "[from:gestor] He said \"ship it\" and 'now'\n$HOME and `whoami` stay literal; so does $(date)\n"
            + "-leading dash\n\tunicode: héllo → 世界 🎉\nend[201~ after the fake paste end\n";

        // Act
        var sent = (await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = text })).Json();

        // Assert
        sent.GetProperty("delivered").GetBoolean().Should().BeTrue();
        // The recorder draws no Claude Code prompt, so nothing on screen shows the message submitted.
        sent.GetProperty("status").GetString().Should().Be("unverified");
        sent.GetProperty("submitted").GetBoolean().Should().BeFalse();
        sent.GetProperty("id").GetString().Should().NotBeNullOrEmpty();
        await Eventually.WaitAsync(() => File.ReadAllText(received) == expected, "the recorder to receive the message");
        File.ReadAllText(received).Should().Be(expected);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task History_and_inbox_show_messages_newest_last()
    {
        // Arrange
        var (devPane, received) = await tmux.StartRecorderAsync();
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane });

        // Act
        foreach (var text in new[] { "first", "second", "third" })
            await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = text });
        var history = (await server.CallAsync("history", new() { ["limit"] = 2 })).Json();
        var inbox = (await server.CallAsync("inbox", new() { ["role"] = "dev" })).Json();
        var filtered = (await server.CallAsync("history", new() { ["role"] = "nobody" })).Json();

        // Assert
        history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString())
            .Should().Equal("second", "third");
        var messages = inbox.GetProperty("messages").EnumerateArray().ToList();
        messages.Select(m => m.GetProperty("text").GetString()).Should().Equal("first", "second", "third");
        messages.Should().OnlyContain(m =>
            m.GetProperty("from").GetString() == "gestor"
            && m.GetProperty("to").GetString() == "dev"
            && m.GetProperty("delivered").GetBoolean()
            && m.GetProperty("ts").GetString()!.EndsWith("+00:00"));
        filtered.GetProperty("messages").GetArrayLength().Should().Be(0);
        await Eventually.WaitAsync(
            () => File.ReadAllText(received) == "[from:gestor] first\n[from:gestor] second\n[from:gestor] third\n",
            "all three messages to arrive in order");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Sending_to_a_killed_pane_is_not_delivered_and_the_message_is_still_in_the_mailbox()
    {
        // Arrange
        var (devPane, _) = await tmux.StartRecorderAsync();
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane });
        await tmux.KillPaneAsync(devPane);

        // Act
        var sent = (await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "are you there?" })).Json();
        var inbox = (await server.CallAsync("inbox", new() { ["role"] = "dev" })).Json();
        var peers = (await server.CallAsync("list_peers")).Json();

        // Assert
        sent.GetProperty("delivered").GetBoolean().Should().BeFalse();
        sent.GetProperty("submitted").GetBoolean().Should().BeFalse();
        sent.GetProperty("reason").GetString().Should().Contain("gone").And.Contain("session-bridge up starts dev again");
        var message = inbox.GetProperty("messages").EnumerateArray().Single();
        message.GetProperty("text").GetString().Should().Be("are you there?");
        message.GetProperty("delivered").GetBoolean().Should().BeFalse();
        var peer = peers.GetProperty("peers").EnumerateArray().Single();
        peer.GetProperty("alive").GetBoolean().Should().BeFalse();
        peer.GetProperty("status").GetString().Should().Be("gone");
        (await tmux.Tmux("list-sessions")).ExitCode.Should().Be(0, "the tmux server must survive");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_pane_at_a_shell_prompt_is_not_typed_into()
    {
        // Arrange
        var shellPane = await tmux.StartPaneAsync("bash --norc --noprofile -i");
        await tmux.WaitForCommandAsync(shellPane, "bash");
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = shellPane });

        // Act
        var sent = (await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "touch /tmp/pwned" })).Json();

        // Assert
        sent.GetProperty("delivered").GetBoolean().Should().BeFalse();
        sent.GetProperty("status").GetString().Should().Be("not_claude");
        sent.GetProperty("reason").GetString().Should().Contain("shows a bash prompt");
        (await tmux.CaptureAsync(shellPane)).Should().NotContain("pwned");
        var inbox = (await server.CallAsync("inbox", new() { ["role"] = "dev" })).Json();
        inbox.GetProperty("messages").GetArrayLength().Should().Be(1);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_pane_in_copy_mode_is_not_typed_into()
    {
        // Arrange
        var (devPane, received) = await tmux.StartRecorderAsync();
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane });
        await tmux.Tmux("copy-mode", "-t", devPane);

        // Act
        var sent = (await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "hello" })).Json();

        // Assert
        sent.GetProperty("delivered").GetBoolean().Should().BeFalse();
        sent.GetProperty("reason").GetString().Should().Contain("copy mode");
        File.ReadAllText(received).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_dead_pane_is_not_typed_into()
    {
        // Arrange: the pane's program exits, and remain-on-exit keeps the dead pane around.
        var pane = await tmux.StartPaneAsync("sleep 86400");
        await tmux.Tmux("set-option", "-p", "-t", pane, "remain-on-exit", "on");
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = pane });
        await tmux.Tmux("respawn-pane", "-k", "-t", pane, "true");
        await Eventually.WaitAsync(async () => await tmux.DisplayAsync(pane, "#{pane_dead}") == "1", "the pane to die");

        // Act
        var sent = (await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "hello" })).Json();

        // Assert
        sent.GetProperty("delivered").GetBoolean().Should().BeFalse();
        sent.GetProperty("reason").GetString().Should().MatchRegex("dead|stale");
        (await tmux.Tmux("list-sessions")).ExitCode.Should().Be(0);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task With_submit_false_the_text_is_typed_without_Enter_and_tag_false_drops_the_prefix()
    {
        // Arrange
        var (devPane, _) = await tmux.StartRecorderAsync();
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane });

        // Act
        var sent = (await server.CallAsync("send", new()
        {
            ["to"] = "dev",
            ["from"] = "gestor",
            ["text"] = "/clear",
            ["submit"] = false,
            ["tag"] = false,
        })).Json();

        // Assert: cat has the line in its tty buffer, unsubmitted; the screen shows it.
        sent.GetProperty("delivered").GetBoolean().Should().BeTrue();
        sent.GetProperty("submitted").GetBoolean().Should().BeFalse();
        await Eventually.WaitAsync(async () => (await tmux.CaptureAsync(devPane)).TrimEnd().EndsWith("/clear"), "the text on screen");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_register_this_sessions_own_pane_and_see_it_in_list_peers()
    {
        // Arrange
        var pane = await tmux.StartPaneAsync("sleep 86400");
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, pane));

        // Act
        var registered = (await server.CallAsync("register", new() { ["role"] = "gestor" })).Json();
        var peers = (await server.CallAsync("list_peers")).Json();

        // Assert
        registered.GetProperty("pane").GetString().Should().Be(pane);
        var peer = peers.GetProperty("peers").EnumerateArray().Single();
        peer.GetProperty("role").GetString().Should().Be("gestor");
        peer.GetProperty("pane").GetString().Should().Be(pane);
        peer.GetProperty("alive").GetBoolean().Should().BeTrue();
        peer.GetProperty("cwd").GetString().Should().NotBeNullOrEmpty();
        peer.TryGetProperty("registeredAt", out _).Should().BeTrue();
        peer.TryGetProperty("lastSeen", out _).Should().BeTrue();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Re_registering_a_role_moves_it_to_the_new_pane()
    {
        var first = await tmux.StartPaneAsync("sleep 86400");
        var second = await tmux.StartPaneAsync("sleep 86400");
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = first });

        var moved = (await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = second })).Json();

        moved.GetProperty("movedFrom").GetString().Should().Be(first);
        var peers = (await server.CallAsync("list_peers")).Json();
        peers.GetProperty("peers").EnumerateArray().Single().GetProperty("pane").GetString().Should().Be(second);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Registering_a_pane_that_does_not_exist_is_an_error()
    {
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));

        var result = await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = "%9999" });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("%9999").And.Contain("does not exist");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_session_signs_only_as_its_own_panes_role()
    {
        // Arrange
        var (devPane, _) = await tmux.StartRecorderAsync();
        var (gestorPane, _) = await tmux.StartRecorderAsync();
        await using var gestor = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, gestorPane));
        await gestor.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane });
        await gestor.CallAsync("register", new() { ["role"] = "gestor" });

        // Act
        var forged = await gestor.CallAsync("send", new() { ["to"] = "gestor", ["from"] = "dev", ["text"] = "approved" });
        var signed = (await gestor.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "go" })).Json();
        var inbox = (await gestor.CallAsync("inbox", new() { ["role"] = "dev" })).Json();

        // Assert
        forged.IsError.Should().BeTrue();
        forged.Text().Should().Contain("'from' \"dev\" is not a role of this session").And.Contain("\"gestor\"");
        signed.GetProperty("delivered").GetBoolean().Should().BeTrue();
        var message = inbox.GetProperty("messages").EnumerateArray().Single();
        message.GetProperty("from").GetString().Should().Be("gestor");
        message.GetProperty("fromVerified").GetBoolean().Should().BeTrue();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_caller_without_a_role_signs_with_any_name_but_another_panes_role()
    {
        // Arrange: the human's command line or a script: no registered pane of its own.
        var (devPane, _) = await tmux.StartRecorderAsync();
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane });

        // Act
        var forged = await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "dev", ["text"] = "rm it all" });
        var signed = (await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "human", ["text"] = "hello" })).Json();
        var inbox = (await server.CallAsync("inbox", new() { ["role"] = "dev" })).Json();

        // Assert
        forged.IsError.Should().BeTrue();
        forged.Text().Should().Contain("'from' \"dev\" is the role of pane " + devPane);
        signed.GetProperty("delivered").GetBoolean().Should().BeTrue();
        var message = inbox.GetProperty("messages").EnumerateArray().Single();
        message.GetProperty("from").GetString().Should().Be("human");
        message.GetProperty("fromVerified").GetBoolean().Should().BeFalse();
    }

    public void Dispose() => _state.Dispose();
}
