using System.Diagnostics;
using System.Text.Json;
using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Bridge;

/// <summary>
/// Hooks first, the screen as the check: list_peers, detect_question, read_peer and wait_for read a peer's
/// presence (written here with the hook's own store and transitions) against its real screen in tmux.
/// </summary>
public sealed class PeerStateSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    private async Task<InProcessServer> StartAsync() => await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));

    private async Task<PaneIdentity> RegisterAsync(InProcessServer server, string role, string pane)
    {
        await server.CallAsync("register", new() { ["role"] = role, ["pane"] = pane });
        var fields = (await tmux.DisplayAsync(pane, "#{pid} #{pane_pid}")).Split(' ');
        return new PaneIdentity(tmux.Socket, int.Parse(fields[0]), pane, int.Parse(fields[1]));
    }

    /// <summary>What the hook records for <paramref name="hook"/> in <paramref name="pane"/>, as if it ran at <paramref name="at"/>.</summary>
    private async Task<Presence> Hook(PaneIdentity pane, HookInput hook, DateTimeOffset? at = null) =>
        (await new PresenceStore(new StateDirectory(_state.Path)).UpdateAsync(pane, current => PresenceTransitions.Apply(current, hook, pane, at ?? DateTimeOffset.UtcNow), TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken))!;

    private static HookInput Event(string name, string? tool = null, string? answer = null) =>
        new(WireNames.ParseHookEventName(name), "session-1", tool, LastAssistantMessage: answer);

    private static JsonElement Peer(JsonElement list, string role) =>
        list.GetProperty("peers").EnumerateArray().Single(p => p.GetProperty("role").GetString() == role);

    private async Task StartTurnAsync(string pane)
    {
        await tmux.TypeAsync(pane, "work");
        await Eventually.WaitAsync(async () => (await tmux.CaptureAsync(pane)).Contains("esc to interrupt"), $"{pane} to be busy");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_busy_peer_shows_the_hook_as_its_source_and_since_when()
    {
        // Arrange
        await using var server = await StartAsync();
        var (pane, _) = await tmux.StartFakeClaudeAsync("--busy 60");
        var identity = await RegisterAsync(server, "dev", pane);
        await StartTurnAsync(pane);
        var presence = await Hook(identity, Event("UserPromptSubmit"), DateTimeOffset.UtcNow.AddMinutes(-3));

        // Act
        var dev = Peer((await server.CallAsync("list_peers")).Json(), "dev");

        // Assert
        dev.GetProperty("state").GetString().Should().Be("busy");
        dev.GetProperty("stateSource").GetString().Should().Be("hook");
        dev.GetProperty("stateSince").GetDateTimeOffset().Should().Be(presence.Since);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Peers_last_seen_moves_with_the_roles_hook_events()
    {
        // Arrange: a hook event recorded an hour after the registration, so "later" needs no waiting.
        await using var server = await StartAsync();
        var (pane, _) = await tmux.StartFakeClaudeAsync();
        var identity = await RegisterAsync(server, "dev", pane);
        var registered = Peer((await server.CallAsync("list_peers")).Json(), "dev").GetProperty("lastSeen").GetDateTimeOffset();
        var presence = await Hook(identity, Event("PostToolUse", "Bash"), registered.AddHours(1));

        // Act
        var peers = await new CliProcess(_state.Path, _state.Path, tmux).RunAsync("peers", "--json");

        // Assert
        peers.ExitCode.Should().Be(0, peers.StandardError);
        var dev = Peer(JsonDocument.Parse(peers.StandardOutput).RootElement, "dev");
        dev.GetProperty("lastSeen").GetDateTimeOffset().Should().Be(presence.UpdatedAt);
        dev.GetProperty("registeredAt").GetDateTimeOffset().Should().BeBefore(presence.UpdatedAt);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Without_presence_the_screen_decides()
    {
        await using var server = await StartAsync();
        var (pane, _) = await tmux.StartFakeClaudeAsync();
        await RegisterAsync(server, "dev", pane);

        var dev = Peer((await server.CallAsync("list_peers")).Json(), "dev");

        dev.GetProperty("state").GetString().Should().Be("idle");
        dev.GetProperty("stateSource").GetString().Should().Be("screen");
        dev.TryGetProperty("stateSince", out _).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task An_interrupt_that_fired_no_hook_is_seen_on_the_screen()
    {
        // Arrange: the hook last said busy seconds ago; the screen shows the prompt (Escape fires no hook).
        await using var server = await StartAsync();
        var (pane, _) = await tmux.StartFakeClaudeAsync();
        var identity = await RegisterAsync(server, "dev", pane);
        await Hook(identity, Event("PreToolUse", "Bash"), DateTimeOffset.UtcNow.AddSeconds(-5));

        // Act
        var dev = Peer((await server.CallAsync("list_peers")).Json(), "dev");

        // Assert
        dev.GetProperty("state").GetString().Should().Be("idle");
        dev.GetProperty("stateSource").GetString().Should().Be("screen");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_hook_that_just_spoke_outweighs_a_screen_that_has_not_redrawn_yet()
    {
        await using var server = await StartAsync();
        var (pane, _) = await tmux.StartFakeClaudeAsync();
        var identity = await RegisterAsync(server, "dev", pane);
        await Hook(identity, Event("UserPromptSubmit"));

        var dev = Peer((await server.CallAsync("list_peers")).Json(), "dev");

        dev.GetProperty("state").GetString().Should().Be("busy");
        dev.GetProperty("stateSource").GetString().Should().Be("hook");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Presence_of_another_pane_process_is_ignored_without_an_error()
    {
        // Arrange: the file for this pane id was written by a process that is not this pane's.
        await using var server = await StartAsync();
        var (pane, _) = await tmux.StartFakeClaudeAsync();
        var identity = await RegisterAsync(server, "dev", pane);
        await Hook(identity with { PanePid = identity.PanePid + 100_000 }, Event("UserPromptSubmit"));

        // Act
        var result = await server.CallAsync("list_peers");

        // Assert
        result.IsError.Should().NotBe(true);
        var dev = Peer(result.Json(), "dev");
        dev.GetProperty("state").GetString().Should().Be("idle");
        dev.GetProperty("stateSource").GetString().Should().Be("screen");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_permission_dialog_is_waiting_select_from_the_hook_with_its_options_from_the_screen()
    {
        // Arrange
        await using var server = await StartAsync();
        var (pane, _) = await tmux.StartFakeMenuAsync();
        var identity = await RegisterAsync(server, "dev", pane);
        var presence = await Hook(identity, Event("PermissionRequest", "Bash"));

        // Act
        var result = (await server.CallAsync("detect_question", new() { ["role"] = "dev" })).Json();

        // Assert
        result.GetProperty("state").GetString().Should().Be("waiting_select");
        result.GetProperty("stateSource").GetString().Should().Be("hook");
        result.GetProperty("stateSince").GetDateTimeOffset().Should().Be(presence.Since);
        result.GetProperty("options").GetArrayLength().Should().BeGreaterThan(1);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Wait_for_idle_wakes_on_the_Stop_hook_and_returns_the_last_answer_as_written()
    {
        // Arrange: a turn that would run a minute on screen.
        await using var server = await StartAsync();
        var (pane, _) = await tmux.StartFakeClaudeAsync("--busy 60");
        var identity = await RegisterAsync(server, "dev", pane);
        await StartTurnAsync(pane);
        await Hook(identity, Event("UserPromptSubmit"), DateTimeOffset.UtcNow.AddSeconds(-10));
        const string answer = "Done: **3 files** changed.\n\n```\nport = 8080\n```\n“quotes” and ünïcode stay.";
        var waiting = server.CallAsync("wait_for", new() { ["role"] = "dev", ["until"] = "idle", ["timeout_s"] = 30 });
        // dev is busy by its hook and its screen: the wait keeps running past its first look.
        await Eventually.HoldsAsync(() => !waiting.IsCompleted, "wait_for to keep waiting", TimeSpan.FromMilliseconds(700));

        // Act
        await Hook(identity, Event("Stop", answer: answer));
        var result = (await waiting).Json();

        // Assert: the screen still shows the turn running, so only the presence file can end the wait (its source says so).
        result.GetProperty("met").GetBoolean().Should().BeTrue();
        result.GetProperty("state").GetString().Should().Be("idle");
        result.GetProperty("stateSource").GetString().Should().Be("hook");
        result.GetProperty("lastAnswer").GetString().Should().Be(answer);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Wait_for_idle_sees_an_interrupt_on_the_screen_and_returns_no_stale_answer()
    {
        // Arrange: the hook says busy (after an earlier turn's answer); the turn ends with no Stop.
        await using var server = await StartAsync();
        var (pane, _) = await tmux.StartFakeClaudeAsync("--busy 3");
        var identity = await RegisterAsync(server, "dev", pane);
        await Hook(identity, Event("Stop", answer: "the earlier turn's answer"), DateTimeOffset.UtcNow.AddMinutes(-1));
        await StartTurnAsync(pane);
        await Hook(identity, Event("UserPromptSubmit"));

        // Act
        var result = (await server.CallAsync("wait_for", new() { ["role"] = "dev", ["until"] = "idle", ["timeout_s"] = 30 })).Json();

        // Assert: met, so the screen check saw the turn end (3 s) before the wait's own timeout.
        result.GetProperty("met").GetBoolean().Should().BeTrue();
        result.GetProperty("stateSource").GetString().Should().Be("screen");
        result.TryGetProperty("lastAnswer", out _).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Wait_for_on_a_peer_whose_hooks_vouch_for_it_still_sees_its_pane_close()
    {
        // Arrange: busy by its hook and its screen, so the wait's looks rest on the presence of this pane process.
        await using var server = await StartAsync();
        var (pane, _) = await tmux.StartFakeClaudeAsync("--busy 60");
        var identity = await RegisterAsync(server, "dev", pane);
        await StartTurnAsync(pane);
        await Hook(identity, Event("UserPromptSubmit"));
        var waiting = server.CallAsync("wait_for", new() { ["role"] = "dev", ["until"] = "idle", ["timeout_s"] = 30 });
        await Eventually.HoldsAsync(() => !waiting.IsCompleted, "the wait to go on: dev is busy by its hook and its screen", TimeSpan.FromMilliseconds(700));

        // Act
        await tmux.KillPaneAsync(pane);
        var result = (await waiting).Json();

        // Assert: the next look finds the pane process gone and asks tmux, which says the pane is gone.
        result.GetProperty("met").GetBoolean().Should().BeFalse();
        result.GetProperty("state").GetString().Should().Be("gone");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Read_peer_carries_the_last_answer_beside_the_screen()
    {
        await using var server = await StartAsync();
        var (pane, _) = await tmux.StartFakeClaudeAsync();
        var identity = await RegisterAsync(server, "dev", pane);
        var presence = await Hook(identity, Event("Stop", answer: "All tests pass."));

        var result = (await server.CallAsync("read_peer", new() { ["role"] = "dev" })).Json();

        result.GetProperty("screen").GetString().Should().Contain("? for shortcuts");
        result.GetProperty("lastAnswer").GetString().Should().Be("All tests pass.");
        result.GetProperty("lastAnswerAt").GetDateTimeOffset().Should().Be(presence.LastAnswerAt!.Value);
    }

    public void Dispose() => _state.Dispose();
}
