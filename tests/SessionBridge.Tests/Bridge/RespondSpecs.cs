using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Bridge;

/// <summary>
/// detect_question and respond against a menu drawn as Claude Code draws AskUserQuestion, on real tmux
/// (the end-to-end suite does the same on the real Claude Code).
/// </summary>
public sealed class RespondSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    private async Task<InProcessServer> StartWithPeerAsync(string pane)
    {
        var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = pane });
        return server;
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_see_a_peer_waiting_on_a_menu_with_its_options()
    {
        // Arrange
        var (pane, _) = await tmux.StartFakeMenuAsync(cursor: 2);
        await using var server = await StartWithPeerAsync(pane);

        // Act
        var reading = (await server.CallAsync("detect_question", new() { ["role"] = "dev" })).Json();
        var peers = (await server.CallAsync("list_peers", [])).Json();

        // Assert
        reading.GetProperty("state").GetString().Should().Be("waiting_select");
        reading.GetProperty("heading").GetString().Should().Be("Which database should the service use?");
        var options = reading.GetProperty("options").EnumerateArray().ToList();
        options.Select(o => o.GetProperty("label").GetString()).Should().Equal("PostgreSQL", "SQLite", "Redis", "Type something.", "Chat about this");
        options.Single(o => o.GetProperty("selected").GetBoolean()).GetProperty("number").GetInt32().Should().Be(2);
        peers.GetProperty("peers")[0].GetProperty("state").GetString().Should().Be("waiting_select");
    }

    [Theory(Timeout = Timeouts.Spec)]
    [InlineData(1, "sqlite", "SQLite", new[] { "Down", "Enter" })]
    [InlineData(4, "Redis", "Redis", new[] { "Up", "Enter" })]
    [InlineData(1, "5", "Chat about this", new[] { "Down", "Down", "Down", "Down", "Enter" })]
    [InlineData(3, "Type", "Type something.", new[] { "Down", "Enter" })]
    public async Task I_can_answer_a_menu_by_the_label_of_an_option(int cursor, string option, string chosen, string[] keys)
    {
        // Arrange
        var (pane, log) = await tmux.StartFakeMenuAsync(cursor);
        await using var server = await StartWithPeerAsync(pane);

        // Act
        var result = (await server.CallAsync("respond", new() { ["role"] = "dev", ["option"] = option })).Json();

        // Assert
        result.GetProperty("sent").GetBoolean().Should().BeTrue();
        result.GetProperty("option").GetString().Should().Be(chosen);
        result.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).Should().Equal(keys);
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(log).Length > 0, "the fake menu to take the answer");
        PrivateTmuxServer.Submitted(log).Should().Equal(chosen);
        (await server.CallAsync("detect_question", new() { ["role"] = "dev" })).Json().GetProperty("state").GetString().Should().Be("idle");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task An_option_that_matches_nothing_is_an_error_listing_the_options_and_nothing_is_pressed()
    {
        // Arrange
        var (pane, log) = await tmux.StartFakeMenuAsync();
        await using var server = await StartWithPeerAsync(pane);

        // Act
        var result = await server.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "MongoDB" });

        // Assert
        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("No option of the menu matches \"MongoDB\"").And.Contain("2. SQLite");
        (await PressedBeforeAMarkerAsync(pane, log)).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task An_option_that_matches_several_is_an_error_that_asks_for_more()
    {
        // Arrange
        var (pane, log) = await tmux.StartFakeMenuAsync();
        await using var server = await StartWithPeerAsync(pane);

        // Act: "e" is in PostgreSQL, SQLite, Redis…
        var result = await server.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "e" });

        // Assert
        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("matches").And.Contain("Give more of the label");
        (await PressedBeforeAMarkerAsync(pane, log)).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Answering_by_option_when_the_peer_shows_no_menu_presses_nothing_and_says_so()
    {
        // Arrange
        var (pane, log) = await tmux.StartFakeClaudeAsync();
        await using var server = await StartWithPeerAsync(pane);

        // Act
        var result = (await server.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "Yes" })).Json();

        // Assert
        result.GetProperty("sent").GetBoolean().Should().BeFalse();
        result.GetProperty("reason").GetString().Should().Contain("shows no menu").And.Contain("idle");
        (await tmux.SubmittedBeforeAMarkerAsync(pane, log)).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Keys_and_option_together_are_an_error()
    {
        // Arrange
        var (pane, _) = await tmux.StartFakeMenuAsync();
        await using var server = await StartWithPeerAsync(pane);

        // Act
        var result = await server.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "SQLite", ["keys"] = new[] { "Enter" } });

        // Assert
        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("either 'keys' or 'option'");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_to_a_peer_on_a_menu_is_not_typed_into_the_menu_but_held_in_its_inbox()
    {
        // Arrange
        var (pane, log) = await tmux.StartFakeMenuAsync();
        await using var server = await StartWithPeerAsync(pane);

        // Act: digits and Enter in a menu would pick an option
        var sent = (await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "2\n" })).Json();

        // Assert
        sent.GetProperty("delivered").GetBoolean().Should().BeFalse();
        sent.GetProperty("status").GetString().Should().Be("held", "a menu holds the message; it used to be refused_menu");
        sent.GetProperty("reason").GetString().Should().Contain("respond").And.Contain("on its own");
        (await PressedBeforeAMarkerAsync(pane, log)).Should().BeEmpty();
        var inbox = (await server.CallAsync("inbox", new() { ["role"] = "dev" })).Json();
        inbox.GetProperty("messages").EnumerateArray().Should().ContainSingle().Which.GetProperty("status").GetString().Should().Be("held");
    }

    /// <summary>
    /// What the fake menu logged before a marker key typed now: whatever the act pressed reached the menu
    /// first, so an empty answer proves it pressed nothing (a fixed pause would only make that likely).
    /// </summary>
    private async Task<string[]> PressedBeforeAMarkerAsync(string pane, string log)
    {
        const string Marker = "key:7a"; // the fake menu logs a stray "z" so
        await tmux.TypeAsync(pane, "z", enter: false);
        var pressed = await Eventually.ReadAsync(
            () => Task.FromResult(PrivateTmuxServer.Submitted(log)),
            keys => keys.Contains(Marker),
            "the fake menu to log the marker key"
        );
        return pressed[..Array.IndexOf(pressed, Marker)];
    }

    public void Dispose() => _state.Dispose();
}
