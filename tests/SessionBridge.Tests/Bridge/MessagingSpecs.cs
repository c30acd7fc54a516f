using System.Diagnostics;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Bridge;

/// <summary>Knowing what happened to messages: ids and threads, broadcast, unread tracking, wait_for.</summary>
public sealed class MessagingSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    private async Task<InProcessServer> StartAsync(string? pane = null) =>
        await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, pane));

    /// <summary>One server for a caller without a pane of its own (the human, a script), and dev registered on a pane.</summary>
    private async Task<InProcessServer> StartWithDevAsync()
    {
        var server = await StartAsync();
        var (devPane, _) = await tmux.StartRecorderAsync();
        (await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane })).IsError.Should().NotBe(true);
        return server;
    }

    private static Dictionary<string, object?> Send(string to, string from, string text, string? replyTo = null) =>
        new() { ["to"] = to, ["from"] = from, ["text"] = text, ["reply_to"] = replyTo };

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Broadcast_to_three_peers_with_one_dead_delivers_two_and_logs_all_three()
    {
        // Arrange
        await using var server = await StartAsync();
        foreach (var role in new[] { "dev", "reviewer", "tester" })
        {
            var (pane, _) = await tmux.StartRecorderAsync();
            await server.CallAsync("register", new() { ["role"] = role, ["pane"] = pane });
            if (role == "tester")
                await tmux.KillPaneAsync(pane);
        }

        // Act
        var result = (await server.CallAsync("broadcast", new() { ["from"] = "gestor", ["text"] = "stand-up in 5" })).Json();
        var history = (await server.CallAsync("history")).Json();

        // Assert
        result.GetProperty("delivered").GetInt32().Should().Be(2);
        result.GetProperty("failed").GetInt32().Should().Be(1);
        result.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("to").GetString() == "tester")
            .GetProperty("reason").GetString().Should().Contain("gone");
        history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("to").GetString())
            .Should().BeEquivalentTo("dev", "reviewer", "tester");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_reply_keeps_its_thread()
    {
        // Arrange
        await using var sessions = await TwoSessions.StartAsync(tmux, _state.Path);
        var (server, dev) = (sessions.Gestor, sessions.Dev);

        // Act
        var question = (await server.CallAsync("send", Send("dev", "gestor", "which port?"))).Json().GetProperty("id").GetString();
        await server.CallAsync("send", Send("dev", "gestor", "unrelated"));
        var answer = (await dev.CallAsync("send", Send("gestor", "dev", "8080", question))).Json();
        var thread = (await server.CallAsync("history", new() { ["thread"] = question })).Json();

        // Assert
        answer.GetProperty("replyTo").GetString().Should().Be(question);
        thread.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString())
            .Should().Equal("which port?", "8080");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_malformed_reply_to_is_an_error()
    {
        await using var server = await StartAsync();

        var result = await server.CallAsync("send", Send("dev", "gestor", "hi", "not-an-id"));

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("not a message id");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_inbox_tracks_what_is_unread()
    {
        // Arrange
        await using var server = await StartWithDevAsync();
        await server.CallAsync("send", Send("dev", "gestor", "one"));
        await server.CallAsync("send", Send("dev", "gestor", "two"));

        // Act
        var first = (await server.CallAsync("inbox", new() { ["role"] = "dev", ["unread_only"] = true, ["mark_read"] = true })).Json();
        await server.CallAsync("send", Send("dev", "gestor", "three"));
        var second = (await server.CallAsync("inbox", new() { ["role"] = "dev", ["unread_only"] = true })).Json();
        var all = (await server.CallAsync("inbox", new() { ["role"] = "dev" })).Json();

        // Assert
        first.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).Should().Equal("one", "two");
        first.GetProperty("unread").GetInt32().Should().Be(0);
        second.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).Should().Equal("three");
        second.GetProperty("unread").GetInt32().Should().Be(1);
        all.GetProperty("messages").GetArrayLength().Should().Be(3);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Wait_for_returns_when_the_peer_replies()
    {
        // Arrange
        await using var sessions = await TwoSessions.StartAsync(tmux, _state.Path);
        var (server, dev) = (sessions.Gestor, sessions.Dev);
        var question = (await server.CallAsync("send", Send("dev", "gestor", "ready?"))).Json().GetProperty("id").GetString();

        // Act: dev answers while gestor waits.
        var waiting = server.CallAsync("wait_for", new()
        {
            ["role"] = "dev",
            ["until"] = "message",
            ["me"] = "gestor",
            ["reply_to"] = question,
            ["timeout_s"] = 20,
        });
        // Nothing outside shows that the wait has begun, so the spec proves it is still waiting for a while
        // before dev answers: a wait that ended on nothing fails here.
        await Eventually.HoldsAsync(() => !waiting.IsCompleted, "gestor's wait to go on while dev has not answered", TimeSpan.FromMilliseconds(500));
        await dev.CallAsync("send", Send("gestor", "dev", "not this one"));
        await dev.CallAsync("send", Send("gestor", "dev", "yes", question));
        var result = (await waiting).Json();

        // Assert
        result.GetProperty("met").GetBoolean().Should().BeTrue();
        result.GetProperty("message").GetProperty("text").GetString().Should().Be("yes");
        result.GetProperty("waitedMs").GetInt64().Should().BeGreaterThanOrEqualTo(500, "it waited until dev answered");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Regression_a_reply_that_reached_the_inbox_before_wait_for_began_ends_the_wait_at_once()
    {
        // Arrange: send, and the fast peer replies before the wait is called (it used to run to its timeout).
        await using var sessions = await TwoSessions.StartAsync(tmux, _state.Path);
        var (server, dev) = (sessions.Gestor, sessions.Dev);
        var question = (await server.CallAsync("send", Send("dev", "gestor", "ready?"))).Json().GetProperty("id").GetString();
        (await dev.CallAsync("send", Send("gestor", "dev", "yes", question))).Json();
        (await dev.CallAsync("send", Send("gestor", "dev", "and something else"))).Json();

        // Act: a timeout far past the spec's own bound (Timeouts.Spec), so a wait run to it hangs the spec.
        var result = (await server.CallAsync("wait_for", new()
        {
            ["role"] = "dev",
            ["until"] = "message",
            ["me"] = "gestor",
            ["reply_to"] = question,
            ["timeout_s"] = 600,
        })).Json();

        // Assert
        result.GetProperty("met").GetBoolean().Should().BeTrue();
        result.GetProperty("message").GetProperty("text").GetString().Should().Be("yes");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Regression_a_message_that_arrived_between_two_waits_is_not_missed()
    {
        // Arrange: gestor read its inbox up to "one"; "two" from dev arrives before the next wait begins.
        await using var sessions = await TwoSessions.StartAsync(tmux, _state.Path);
        var (server, dev) = (sessions.Gestor, sessions.Dev);
        await using var script = await StartAsync();
        (await dev.CallAsync("send", Send("gestor", "dev", "one"))).Json();
        await server.CallAsync("inbox", new() { ["role"] = "gestor", ["unread_only"] = true, ["mark_read"] = true });
        (await script.CallAsync("send", Send("gestor", "tester", "not from dev"))).Json();
        (await dev.CallAsync("send", Send("gestor", "dev", "two"))).Json();
        var wait = new Dictionary<string, object?> { ["role"] = "dev", ["until"] = "message", ["me"] = "gestor", ["timeout_s"] = 30 };

        // Act: gestor handles "two" and marks it read; "three" lands before the next wait.
        var first = (await server.CallAsync("wait_for", wait)).Json();
        await server.CallAsync("inbox", new() { ["role"] = "gestor", ["unread_only"] = true, ["mark_read"] = true });
        (await dev.CallAsync("send", Send("gestor", "dev", "three"))).Json();
        var second = (await server.CallAsync("wait_for", wait)).Json();

        // Assert: the first unread from dev each time, "one" (read) never again.
        first.GetProperty("met").GetBoolean().Should().BeTrue();
        first.GetProperty("message").GetProperty("text").GetString().Should().Be("two");
        second.GetProperty("met").GetBoolean().Should().BeTrue();
        second.GetProperty("message").GetProperty("text").GetString().Should().Be("three");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Wait_for_times_out_cleanly_when_nothing_happens()
    {
        // Arrange
        await using var server = await StartWithDevAsync();

        // Act
        var result = (await server.CallAsync("wait_for", new()
        {
            ["role"] = "dev",
            ["until"] = "message",
            ["me"] = "gestor",
            ["timeout_s"] = 1,
        })).Json();

        // Assert
        result.GetProperty("met").GetBoolean().Should().BeFalse();
        result.GetProperty("reason").GetString().Should().Contain("timed out after 1 s");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Wait_for_a_screen_state_stops_when_the_pane_is_gone()
    {
        await using var server = await StartAsync();
        var (devPane, _) = await tmux.StartRecorderAsync();
        (await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane })).IsError.Should().NotBe(true);
        await tmux.KillPaneAsync(devPane);

        var result = (await server.CallAsync("wait_for", new() { ["role"] = "dev", ["until"] = "idle", ["timeout_s"] = 30 })).Json();

        result.GetProperty("met").GetBoolean().Should().BeFalse();
        result.GetProperty("state").GetString().Should().Be("gone");
    }

    [Theory(Timeout = Timeouts.Spec)]
    [InlineData("done")]
    [InlineData("")]
    public async Task Wait_for_an_unknown_condition_is_an_error(string until)
    {
        await using var server = await StartAsync();

        var result = await server.CallAsync("wait_for", new() { ["role"] = "dev", ["until"] = until });

        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("use one of: idle, question, idle_or_question, message");
    }

    public void Dispose() => _state.Dispose();
}
