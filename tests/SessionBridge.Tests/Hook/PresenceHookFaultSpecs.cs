using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Hook;

/// <summary>
/// The hook on every event when things are off: input too big or garbled, no state directory, a process that
/// is not where $TMUX says. It records nothing it cannot stand behind, prints nothing, and exits 0.
/// </summary>
public sealed class PresenceHookFaultSpecs(PrivateTmuxServer tmux) : PresenceHookRig(tmux)
{
    [Fact(Timeout = Timeouts.Spec)]
    public async Task An_event_bigger_than_the_hook_reads_still_records_its_state()
    {
        // Arrange: a Read of a big file makes PostToolUse's stdin megabytes long; the fields we need come first.
        var pane = await PaneAsync();
        var stdin = HookEvents.Json(
            "PostToolUse",
            fields: [("tool_name", "Read"), ("tool_input", new { file_path = "/big" }), ("tool_response", new string('z', 6_000_000))]
        );

        // Act
        var outcome = await pane.RunAsync(stdin);

        // Assert
        outcome.Should().Be(new HookInPane.Outcome(0, "", ""));
        var presence = (await ReadAsync(pane))!;
        presence.State.Should().Be(PresenceState.Busy);
        presence.Tool.Should().Be("Read");
    }

    public static TheoryData<string> Garbage() =>
        new("", "not json at all", "{\"hook_event_name\": \"Stop\", oops", "[1,2,3]", "{\"hook_event_name\":\"Stop\"} trailing", "\0\0\0\0", "{\"hook_event_name\": 42}");

    [Theory(Timeout = Timeouts.Spec)]
    [MemberData(nameof(Garbage))]
    public async Task Garbage_on_stdin_is_a_silent_exit_0_that_records_nothing(string stdin)
    {
        // Arrange
        var pane = await PaneAsync();

        // Act
        var outcome = await pane.RunAsync(stdin);

        // Assert
        outcome.Should().Be(new HookInPane.Outcome(0, "", ""));
        (await ReadAsync(pane)).Should().BeNull();
        File.Exists(Store.PathFor(Tmux.Socket, pane.Pane)).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Without_a_state_directory_the_hook_records_nothing_and_creates_nothing()
    {
        // Arrange
        Directory.Delete(StateDir.Path);
        var pane = await PaneAsync();

        // Act
        var outcome = await pane.RunAsync(HookEvents.Json("UserPromptSubmit"));

        // Assert
        outcome.Should().Be(new HookInPane.Outcome(0, "", ""));
        Directory.Exists(StateDir.Path).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_process_that_is_not_under_the_tmux_server_it_names_records_nothing()
    {
        // Arrange: $TMUX and $TMUX_PANE copied into a process tmux did not start (the walk finds no pane).
        var identity = await (await PaneAsync()).IdentityAsync();
        var environment = new Dictionary<string, string?>
        {
            ["TMUX"] = $"{identity.Socket},{identity.ServerPid},0",
            ["TMUX_PANE"] = identity.Pane,
            ["SESSION_BRIDGE_DIR"] = StateDir.Path,
        };

        // Act
        var outcome = await HookProcess.RunAsync(HookEvents.Json("UserPromptSubmit"), environment);

        // Assert
        outcome.ExitCode.Should().Be(0);
        outcome.Stdout.Should().BeEmpty();
        File.Exists(Store.PathFor(identity.Socket, identity.Pane)).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task SessionStart_still_hands_over_the_briefing_and_records_idle()
    {
        // Arrange
        var pane = await PaneAsync();
        var identity = await pane.IdentityAsync();
        var store = new StateStore(new StateDirectory(StateDir.Path), TimeSpan.FromSeconds(5), TimeProvider.System);
        store.Directory.EnsureCreated();
        var now = DateTimeOffset.UtcNow;
        await store.Registry.SaveAsync(new PeerRegistration("dev", identity.Pane, identity.Socket, identity.ServerPid, identity.PanePid, "/home/dev/shop", now, now), TestContext.Current.CancellationToken);
        await store.Prompts.SaveAsync(new SavedPrompt("dev", "You are dev.", now), TestContext.Current.CancellationToken);

        // Act
        var outcome = await pane.RunAsync(HookEvents.Json("SessionStart", fields: ("source", "clear")));

        // Assert
        outcome.ExitCode.Should().Be(0);
        outcome.Stderr.Should().BeEmpty();
        outcome.Stdout.Should().StartWith("{\"hookSpecificOutput\":{\"hookEventName\":\"SessionStart\",\"additionalContext\":").And.Contain("You are dev.");
        Store.Read(new PeerRegistration("dev", identity.Pane, identity.Socket, identity.ServerPid, identity.PanePid, null, now, now))!
            .State.Should().Be(PresenceState.Idle);
    }
}
