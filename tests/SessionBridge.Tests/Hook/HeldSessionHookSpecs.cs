using System.Text.Json;
using SessionBridge.Bridge;
using SessionBridge.Held;
using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Hook;

/// <summary>
/// Held messages across a session's life, through the peer's own hook run as Claude Code runs it: handed over at
/// its start, held again when it ends or dies before a turn carries them, never twice to a resumed session.
/// </summary>
// The rig copies tmux into a field of its own and keeps no capture, so both holding it is harmless.
#pragma warning disable CS9107
public sealed class HeldSessionHookSpecs(PrivateTmuxServer tmux) : HeldHookRig(tmux), IClassFixture<PrivateTmuxServer>
#pragma warning restore CS9107
{
    [Fact(Timeout = Timeouts.Spec)]
    public async Task After_clear_SessionStart_hands_held_messages_over_with_the_briefing()
    {
        // Arrange
        var pane = await RegisteredPaneAsync();
        await Store.Prompts.SaveAsync(new SavedPrompt("dev", "You write the backend.", DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        var message = await Hold("welcome back");

        // Act
        var outcome = await pane.RunAsync(HookEvents.Json("SessionStart", fields: ("source", "clear")));

        // Assert
        var (name, context) = Context(outcome.Stdout)!.Value;
        name.Should().Be("SessionStart");
        context.Should().Contain("You write the backend.").And.Contain($"[from:gestor] (id {message.Id}) welcome back");
        (await InboxEntry(message.Id)).DeliveredVia.Should().Be(DeliveredVia.SessionStart);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_handed_over_at_a_session_start_is_handed_over_until_that_sessions_turn_carries_it()
    {
        // Arrange
        var pane = await RegisteredPaneAsync();
        var message = await Hold("the tests use staging");

        // Act
        var start = await pane.RunAsync(HookEvents.Json("SessionStart", "session-a", ("source", "resume")));
        var handedOver = (await InboxEntry(message.Id));
        var otherSession = await pane.RunAsync(HookEvents.Json("UserPromptSubmit", "session-b", ("prompt", "hi")));
        var afterOther = (await InboxEntry(message.Id));
        var turn = await pane.RunAsync(HookEvents.Json("UserPromptSubmit", "session-a", ("prompt", "go on")));

        // Assert
        Context(start.Stdout)!.Value.Context.Should().Contain($"(id {message.Id}) the tests use staging");
        (handedOver.Status, handedOver.Delivered, handedOver.Submitted).Should().Be((DeliveryStatus.HandedOver, false, false));
        handedOver.DeliveredVia.Should().Be(DeliveredVia.SessionStart);
        otherSession.Stdout.Should().NotContain(message.Id, "it is handed to session-a, not waiting");
        afterOther.Status.Should().Be(DeliveryStatus.HandedOver, "another session's turn does not carry session-a's context");
        turn.Stdout.Should().NotContain(message.Id, "the turn carries the start's context: not given twice");
        var delivered = (await InboxEntry(message.Id));
        (delivered.Status, delivered.Delivered, delivered.DeliveredVia).Should().Be((DeliveryStatus.Submitted, true, DeliveredVia.SessionStart));
        (await Store.Held.ReadAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_handed_to_a_session_that_ends_before_a_turn_is_held_again_and_the_next_session_gets_it_once()
    {
        // Arrange
        var pane = await RegisteredPaneAsync();
        var message = await Hold("the tests use staging");
        await pane.RunAsync(HookEvents.Json("SessionStart", "session-a", ("source", "startup")));

        // Act
        await pane.RunAsync(HookEvents.Json("SessionEnd", "session-a", ("reason", "other")));
        var afterEnd = (await InboxEntry(message.Id));
        var next = await pane.RunAsync(HookEvents.Json("SessionStart", "session-b", ("source", "startup")));
        var again = await pane.RunAsync(HookEvents.Json("UserPromptSubmit", "session-b", ("prompt", "hi")));

        // Assert
        (afterEnd.Status, afterEnd.Delivered).Should().Be((DeliveryStatus.Held, false));
        afterEnd.Reason.Should().Contain("ended before a turn");
        Context(next.Stdout)!.Value.Context.Should().Contain($"(id {message.Id}) the tests use staging");
        again.Stdout.Should().NotContain(message.Id);
        (await InboxEntry(message.Id)).Status.Should().Be(DeliveryStatus.Submitted);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_handed_to_a_session_that_died_without_a_word_is_handed_to_the_next_start_once()
    {
        // Arrange: session-a was handed the message, then its tmux server died (no SessionEnd).
        var pane = await RegisteredPaneAsync();
        var message = await Hold("the tests use staging");
        await pane.RunAsync(HookEvents.Json("SessionStart", "session-a", ("source", "startup")));

        // Act: the same conversation resumed (its transcript does not hold the message), then a second start.
        var resumed = await pane.RunAsync(HookEvents.Json("SessionStart", "session-a", ("source", "resume")));
        var turn = await pane.RunAsync(HookEvents.Json("UserPromptSubmit", "session-a", ("prompt", "hi")));

        // Assert
        Context(resumed.Stdout)!.Value.Context.Should().Contain($"(id {message.Id}) the tests use staging");
        turn.Stdout.Should().NotContain(message.Id);
        (await InboxEntry(message.Id)).Status.Should().Be(DeliveryStatus.Submitted);
        File.ReadAllLines(Path.Combine(_state.Path, "mailbox", "dev.jsonl"))
            .Count(l => l.Contains("\"status\":\"handed_over\"", StringComparison.Ordinal)).Should().Be(2, "handed over twice, delivered once");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_resumed_session_whose_transcript_already_holds_the_message_is_not_handed_it_twice()
    {
        // Arrange: session-a was handed the message and its transcript kept that context.
        var pane = await RegisteredPaneAsync();
        var message = await Hold("the tests use staging");
        var transcript = Path.Combine(_files.Path, "session-a.jsonl");
        await pane.RunAsync(HookEvents.Json("SessionStart", "session-a", ("source", "startup"), ("transcript_path", transcript)));
        await File.WriteAllTextAsync(transcript, $"{{\"type\":\"attachment\",\"content\":\"(id {message.Id}) the tests use staging\"}}\n", TestContext.Current.CancellationToken);

        // Act
        var resumed = await pane.RunAsync(HookEvents.Json("SessionStart", "session-a", ("source", "resume"), ("transcript_path", transcript)));
        var handedOver = (await InboxEntry(message.Id));
        await pane.RunAsync(HookEvents.Json("UserPromptSubmit", "session-a", ("prompt", "hi"), ("transcript_path", transcript)));

        // Assert
        resumed.Stdout.Should().NotContain(message.Id);
        handedOver.Status.Should().Be(DeliveryStatus.HandedOver);
        (await InboxEntry(message.Id)).Status.Should().Be(DeliveryStatus.Submitted);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_registration_left_by_another_pane_process_with_the_same_pane_id_gets_no_briefing_and_no_held_messages()
    {
        // Arrange: dev was registered on this pane id, but for a process that is gone (a tmux restart reuses ids).
        var pane = await HookInPane.StartAsync(tmux, _state.Path, _files);
        var live = await pane.IdentityAsync();
        var store = Store;
        store.Directory.EnsureCreated();
        var then = DateTimeOffset.UtcNow.AddHours(-1);
        await store.Registry.SaveAsync(new PeerRegistration("dev", live.Pane, live.Socket, live.ServerPid, live.PanePid + 100_000, null, then, then), TestContext.Current.CancellationToken);
        await store.Prompts.SaveAsync(new SavedPrompt("dev", "You write the backend.", DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        var message = await Hold("for the old dev");

        // Act
        var start = await pane.RunAsync(HookEvents.Json("SessionStart", fields: ("source", "startup")));
        var tool = await pane.RunAsync(HookEvents.Tool("PostToolUse", "Bash"));

        // Assert
        start.Should().Be(new HookInPane.Outcome(0, "", ""), "this session is not the dev that registered");
        tool.Should().Be(new HookInPane.Outcome(0, "", ""));
        (await new HeldQueue(Store).ForAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken)).Select(m => m.Id).Should().Equal([message.Id], "it waits for dev");
    }
}
