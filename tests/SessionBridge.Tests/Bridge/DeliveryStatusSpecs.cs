using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Bridge;

/// <summary>
/// send reports what the peer's screen showed after the Enter, against a scripted stand-in for Claude
/// Code's prompt on real tmux (the end-to-end suite covers the real one).
/// </summary>
public sealed class DeliveryStatusSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    private async Task<InProcessServer> StartWithPeerAsync(string pane)
    {
        var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = pane });
        return server;
    }

    private static Dictionary<string, object?> Message(string text, bool force = false) =>
        new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = text, ["force"] = force };

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_to_an_idle_peer_is_reported_submitted()
    {
        var (pane, log) = await tmux.StartFakeClaudeAsync();
        await using var server = await StartWithPeerAsync(pane);

        var sent = (await server.CallAsync("send", Message("first line\nsecond line"))).Json();

        sent.GetProperty("status").GetString().Should().Be("submitted");
        sent.GetProperty("submitted").GetBoolean().Should().BeTrue();
        PrivateTmuxServer.Submitted(log).Should().Equal("[from:gestor] first line\nsecond line");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_to_a_busy_peer_is_reported_queued_and_still_arrives()
    {
        var (pane, log) = await tmux.StartFakeClaudeAsync("--busy 3");
        await using var server = await StartWithPeerAsync(pane);
        (await server.CallAsync("send", Message("start working"))).Json().GetProperty("status").GetString().Should().Be("submitted");

        var sent = (await server.CallAsync("send", Message("one more thing"))).Json();

        sent.GetProperty("status").GetString().Should().Be("queued");
        sent.GetProperty("delivered").GetBoolean().Should().BeTrue();
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(log).Length == 2, "the queued message to be taken");
        PrivateTmuxServer.Submitted(log).Should().Equal("[from:gestor] start working", "[from:gestor] one more thing");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_lost_Enter_is_pressed_once_more_and_the_message_is_submitted()
    {
        var (pane, log) = await tmux.StartFakeClaudeAsync("--swallow-enters 1");
        await using var server = await StartWithPeerAsync(pane);

        var sent = (await server.CallAsync("send", Message("hello"))).Json();

        sent.GetProperty("status").GetString().Should().Be("submitted");
        PrivateTmuxServer.Submitted(log).Should().Equal("[from:gestor] hello");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Regression_an_Enter_taken_late_on_a_loaded_machine_was_reported_typed_it_is_submitted_once()
    {
        // Arrange: Claude Code under load took over a second over an Enter; send read the text still in the box after
        // 150 ms, pressed again, and answered typed (pressed twice) for a message that was submitted.
        var (pane, log) = await tmux.StartFakeClaudeAsync("--slow-enter 1.5");
        await using var server = await StartWithPeerAsync(pane);

        // Act
        var sent = (await server.CallAsync("send", Message("hello"))).Json();

        // Assert
        sent.GetProperty("status").GetString().Should().Be("submitted", sent.ToString());
        PrivateTmuxServer.Submitted(log).Should().Equal("[from:gestor] hello");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task When_Enter_is_lost_twice_the_message_is_reported_typed_and_not_submitted()
    {
        var (pane, log) = await tmux.StartFakeClaudeAsync("--swallow-enters 5");
        await using var server = await StartWithPeerAsync(pane);

        var sent = (await server.CallAsync("send", Message("hello"))).Json();
        var inbox = (await server.CallAsync("inbox", new() { ["role"] = "dev" })).Json();

        sent.GetProperty("status").GetString().Should().Be("typed");
        sent.GetProperty("delivered").GetBoolean().Should().BeTrue();
        sent.GetProperty("submitted").GetBoolean().Should().BeFalse();
        sent.GetProperty("reason").GetString().Should().Contain("Enter did not submit");
        inbox.GetProperty("messages").EnumerateArray().Single().GetProperty("status").GetString().Should().Be("typed");
        PrivateTmuxServer.Submitted(log).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_prompt_holding_the_humans_draft_is_not_typed_into_and_the_message_is_held()
    {
        var (pane, log) = await tmux.StartFakeClaudeAsync("--draft 'half a thought'");
        await using var server = await StartWithPeerAsync(pane);

        var sent = (await server.CallAsync("send", Message("hello"))).Json();
        var inbox = (await server.CallAsync("inbox", new() { ["role"] = "dev" })).Json();

        sent.GetProperty("delivered").GetBoolean().Should().BeFalse();
        sent.GetProperty("status").GetString().Should().Be("held", "a draft holds the message; it used to be refused_draft");
        sent.GetProperty("reason").GetString().Should().Contain("half a thought").And.Contain("will reach dev on its own");
        inbox.GetProperty("messages").EnumerateArray().Single().GetProperty("status").GetString().Should().Be("held");
        (await tmux.CaptureAsync(pane)).Should().NotContain("hello");
        PrivateTmuxServer.Submitted(log).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task With_force_a_message_is_typed_after_the_draft()
    {
        var (pane, log) = await tmux.StartFakeClaudeAsync("--draft 'half a thought'");
        await using var server = await StartWithPeerAsync(pane);

        var sent = (await server.CallAsync("send", Message("hello", force: true))).Json();

        sent.GetProperty("status").GetString().Should().Be("submitted");
        PrivateTmuxServer.Submitted(log).Should().Equal("half a thought[from:gestor] hello");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_pane_without_Claude_Codes_prompt_is_reported_unverified()
    {
        var (pane, received) = await tmux.StartRecorderAsync();
        await using var server = await StartWithPeerAsync(pane);

        var sent = (await server.CallAsync("send", Message("hello"))).Json();

        sent.GetProperty("status").GetString().Should().Be("unverified");
        sent.GetProperty("delivered").GetBoolean().Should().BeTrue();
        sent.GetProperty("submitted").GetBoolean().Should().BeFalse("nothing on screen shows it submitted");
        await Eventually.WaitAsync(() => File.ReadAllText(received) == "[from:gestor] hello\n", "the text to arrive");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_pane_running_python_is_not_typed_into_and_the_reason_names_python()
    {
        // Arrange
        var pane = await tmux.StartPaneAsync("exec python3 -q -i");
        await Eventually.WaitAsync(async () => (await tmux.CaptureAsync(pane)).Contains(">>>"), "python's prompt");
        await using var server = await StartWithPeerAsync(pane);

        // Act
        var sent = (await server.CallAsync("send", Message("print(42)"))).Json();
        var inbox = (await server.CallAsync("inbox", new() { ["role"] = "dev" })).Json();

        // Assert
        sent.GetProperty("status").GetString().Should().Be("not_claude");
        sent.GetProperty("delivered").GetBoolean().Should().BeFalse();
        sent.GetProperty("submitted").GetBoolean().Should().BeFalse();
        sent.GetProperty("reason").GetString().Should().Contain("runs python").And.Contain("not Claude Code").And.Contain("force:true");
        inbox.GetProperty("messages").EnumerateArray().Single().GetProperty("status").GetString().Should().Be("not_claude");
        await tmux.TypeAsync(pane, "print('mark' + 'er')");
        await Eventually.WaitAsync(async () => (await tmux.CaptureAsync(pane)).Contains("\nmarker"), "python to print the marker");
        (await tmux.CaptureAsync(pane)).Should().NotContain("print(42)").And.NotContain("from:gestor");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task With_force_a_pane_running_another_program_is_typed_into_and_reported_unverified()
    {
        // Arrange: another agent's prompt, as far as the bridge can tell: a program that is not claude.
        using var directory = new TempDirectory("agent");
        var received = directory.Combine("received.txt");
        File.WriteAllText(received, "");
        var pane = await tmux.StartPaneAsync($"exec cat > '{received}'");
        await tmux.WaitForCommandAsync(pane, "cat");
        await using var server = await StartWithPeerAsync(pane);

        // Act
        var refused = (await server.CallAsync("send", Message("first"))).Json();
        var forced = (await server.CallAsync("send", Message("second", force: true))).Json();

        // Assert
        refused.GetProperty("status").GetString().Should().Be("not_claude");
        refused.GetProperty("reason").GetString().Should().Contain("runs cat");
        forced.GetProperty("status").GetString().Should().Be("unverified");
        forced.GetProperty("delivered").GetBoolean().Should().BeTrue();
        await Eventually.WaitAsync(() => File.ReadAllText(received) == "[from:gestor] second\n", "only the forced message to arrive");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_slash_command_is_typed_without_the_tag_and_logged_as_from_its_sender()
    {
        // Arrange
        var (pane, log) = await tmux.StartFakeClaudeAsync();
        await using var server = await StartWithPeerAsync(pane);

        // Act
        var sent = (await server.CallAsync("send", Message("/clear"))).Json();
        var inbox = (await server.CallAsync("inbox", new() { ["role"] = "dev" })).Json();

        // Assert
        sent.GetProperty("status").GetString().Should().Be("submitted");
        PrivateTmuxServer.Submitted(log).Should().Equal("/clear");
        var message = inbox.GetProperty("messages").EnumerateArray().Single();
        message.GetProperty("text").GetString().Should().Be("/clear");
        message.GetProperty("from").GetString().Should().Be("gestor");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_loop_brake_refuses_a_role_past_its_messages_per_minute_across_server_processes()
    {
        // Arrange
        var (pane, log) = await tmux.StartFakeClaudeAsync();
        var options = TestBridge.Options(_state.Path, tmux) with { MaxPerMinute = 3 };
        await using var first = await InProcessServer.StartAsync(options);
        await first.CallAsync("register", new() { ["role"] = "dev", ["pane"] = pane });
        await using var second = await InProcessServer.StartAsync(options);

        // Act: three from one server process, the fourth from another.
        var allowed = new List<string?>();
        foreach (var text in new[] { "one", "two", "three" })
            allowed.Add((await first.CallAsync("send", Message(text))).Json().GetProperty("status").GetString());
        var braked = (await second.CallAsync("send", Message("four"))).Json();
        var fromAnother = (await second.CallAsync("send", new() { ["to"] = "dev", ["from"] = "reviewer", ["text"] = "five" })).Json();
        var inbox = (await first.CallAsync("inbox", new() { ["role"] = "dev" })).Json();

        // Assert
        allowed.Should().Equal("submitted", "submitted", "submitted");
        braked.GetProperty("status").GetString().Should().Be("refused_rate");
        braked.GetProperty("delivered").GetBoolean().Should().BeFalse();
        braked.GetProperty("reason").GetString().Should().Contain("3 messages in the last 60 s").And.MatchRegex(@"works again at \d\d:\d\d:\d\d UTC \(in \d+ s\)");
        fromAnother.GetProperty("status").GetString().Should().Be("submitted", "the brake is per pair of roles");
        inbox.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("status").GetString())
            .Should().Equal("submitted", "submitted", "submitted", "refused_rate", "submitted");
        (await tmux.SubmittedBeforeAMarkerAsync(pane, log)).Should().Equal(
            "[from:gestor] one", "[from:gestor] two", "[from:gestor] three", "[from:reviewer] five");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_broadcast_counts_once_for_each_recipient_against_the_loop_brake()
    {
        // Arrange
        var (devPane, _) = await tmux.StartRecorderAsync();
        var (testerPane, _) = await tmux.StartRecorderAsync();
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux) with { MaxPerMinute = 2 });
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane });
        await server.CallAsync("register", new() { ["role"] = "tester", ["pane"] = testerPane });
        await server.CallAsync("send", Message("just dev"));

        // Act
        var broadcast = (await server.CallAsync("broadcast", new() { ["from"] = "gestor", ["text"] = "all" })).Json();
        var again = (await server.CallAsync("broadcast", new() { ["from"] = "gestor", ["text"] = "all again" })).Json();

        // Assert
        Statuses(broadcast).Should().BeEquivalentTo(new Dictionary<string, string?> { ["dev"] = "unverified", ["tester"] = "unverified" });
        Statuses(again).Should().BeEquivalentTo(new Dictionary<string, string?> { ["dev"] = "refused_rate", ["tester"] = "unverified" });
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Where_the_peers_hooks_are_wired_its_UserPromptSubmit_is_the_receipt_and_send_returns_at_once()
    {
        // Arrange: a verify delay far past the spec's own bound (Timeouts.Spec), so only the receipt can end the
        // wait in time: a bound on a hang, not a speed figure.
        var (pane, log) = await tmux.StartFakeClaudeAsync($"--hook '{BuiltExecutables.Hook}' --state '{_state.Path}'");
        var options = TestBridge.Options(_state.Path, tmux) with { VerifyDelay = TimeSpan.FromMinutes(10) };
        await using var server = await InProcessServer.StartAsync(options);
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = pane });
        await Eventually.WaitAsync(() => Directory.Exists(Path.Combine(_state.Path, "presence")) && Directory.EnumerateFiles(Path.Combine(_state.Path, "presence"), "*.json").Any(), "the fake's SessionStart hook to write its presence");

        // Act
        var sent = (await server.CallAsync("send", Message("hello"))).Json();

        // Assert
        sent.GetProperty("status").GetString().Should().Be("submitted");
        sent.GetProperty("submitted").GetBoolean().Should().BeTrue();
        PrivateTmuxServer.Submitted(log).Should().Equal("[from:gestor] hello");
    }

    private static Dictionary<string, string?> Statuses(System.Text.Json.JsonElement broadcast) =>
        broadcast.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("to").GetString()!, r => r.GetProperty("status").GetString());

    public void Dispose() => _state.Dispose();
}
