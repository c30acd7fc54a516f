using System.Text.Json;
using SessionBridge.Bridge;
using SessionBridge.Held;
using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Hook;

/// <summary>
/// A held message handed over by the peer's own hook, run as Claude Code runs it (a real process under a real
/// tmux pane, the event on stdin): once, with its tag and id, to whichever pane holds the role now.
/// </summary>
public sealed class HeldHookSpecs(PrivateTmuxServer tmux) : HeldHookRig(tmux), IClassFixture<PrivateTmuxServer>
{
    [Fact(Timeout = Timeouts.Spec)]
    public async Task PostToolUse_hands_a_held_message_to_the_model_once_with_its_tag_and_id()
    {
        // Arrange
        var pane = await RegisteredPaneAsync();
        var message = await Hold("the schema changed, re-run the migration");

        // Act
        var first = await pane.RunAsync(HookEvents.Tool("PostToolUse", "Bash"));
        var second = await pane.RunAsync(HookEvents.Tool("PostToolUse", "Bash"));

        // Assert
        first.ExitCode.Should().Be(0);
        var (name, context) = Context(first.Stdout)!.Value;
        name.Should().Be("PostToolUse");
        context.Should().Contain($"[from:gestor] (id {message.Id}) the schema changed, re-run the migration").And.Contain("reply_to");
        second.Should().Be(new HookInPane.Outcome(0, "", ""), "it was handed over already");
        var entry = await InboxEntry(message.Id);
        entry.Status.Should().Be(DeliveryStatus.Submitted);
        entry.DeliveredVia.Should().Be(DeliveredVia.PostToolUse);
        entry.DeliveredAt.Should().NotBeNull();
        (await new HeldQueue(Store).ForAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Eight_hook_processes_racing_hand_a_held_message_over_once()
    {
        // Arrange
        var pane = await RegisteredPaneAsync();
        var message = await Hold("only once, please");

        // Act
        var outputs = await pane.RunAtOnceAsync(8, HookEvents.Tool("PostToolUse", "Bash"));

        // Assert
        outputs.Count(o => o.Contains(message.Id, StringComparison.Ordinal)).Should().Be(1);
        outputs.Where(o => o.Length > 0).Should().ContainSingle();
        var lines = File.ReadAllLines(Path.Combine(_state.Path, "mailbox", "dev.jsonl"));
        lines.Count(l => l.Contains("\"kind\":\"status\"", StringComparison.Ordinal)).Should().Be(1, "one handover, one status line");
        (await InboxEntry(message.Id)).DeliveredVia.Should().Be(DeliveredVia.PostToolUse);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_held_message_follows_its_role_to_the_pane_it_re_registers_on()
    {
        // Arrange
        var old = await RegisteredPaneAsync();
        var message = await Hold("for dev, wherever it is");
        var moved = await RegisteredPaneAsync();

        // Act
        var fromOld = await old.RunAsync(HookEvents.Json("UserPromptSubmit", fields: ("prompt", "hi")));
        var fromNew = await moved.RunAsync(HookEvents.Json("UserPromptSubmit", fields: ("prompt", "hi")));

        // Assert
        fromOld.Stdout.Should().BeEmpty("the old pane is no longer dev's");
        Context(fromNew.Stdout)!.Value.Should().Be(("UserPromptSubmit", Context(fromNew.Stdout)!.Value.Context));
        Context(fromNew.Stdout)!.Value.Context.Should().Contain("for dev, wherever it is");
        (await InboxEntry(message.Id)).DeliveredVia.Should().Be(DeliveredVia.UserPromptSubmit);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Regression_after_a_full_size_briefing_held_messages_stay_held_for_the_next_hook_instead_of_overflowing_the_context()
    {
        // Arrange: a briefing far over what Claude Code keeps of a hook's context (about 10,000 characters).
        var pane = await RegisteredPaneAsync();
        await Store.Prompts.SaveAsync(new SavedPrompt("dev", string.Join("\n", Enumerable.Repeat("You write the backend, carefully and with tests.", 600)), DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        var message = await Hold("the schema changed, re-run the migration");

        // Act
        var start = await pane.RunAsync(HookEvents.Json("SessionStart", fields: ("source", "clear")));
        var heldAfterStart = await new HeldQueue(Store).ForAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken);
        var next = await pane.RunAsync(HookEvents.Tool("PostToolUse", "Bash"));

        // Assert
        var (_, briefing) = Context(start.Stdout)!.Value;
        briefing.Length.Should().BeLessThanOrEqualTo(10_000, "Claude Code keeps about 10,000 characters of it");
        briefing.Should().Contain("You write the backend").And.NotContain("re-run the migration");
        heldAfterStart.Select(m => m.Id).Should().Equal([message.Id], "what did not fit is not claimed");
        Context(next.Stdout)!.Value.Context.Should().Contain($"[from:gestor] (id {message.Id}) the schema changed, re-run the migration");
        (await InboxEntry(message.Id)).DeliveredVia.Should().Be(DeliveredVia.PostToolUse);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_slash_command_is_never_handed_over_as_context()
    {
        // Arrange
        var pane = await RegisteredPaneAsync();
        var command = await Hold("/compact");

        // Act
        var outcome = await pane.RunAsync(HookEvents.Tool("PostToolUse", "Bash"));

        // Assert
        outcome.Should().Be(new HookInPane.Outcome(0, "", ""));
        (await InboxEntry(command.Id)).Status.Should().Be(DeliveryStatus.Held);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_held_over_a_day_is_not_handed_over_and_its_inbox_status_says_it_never_was()
    {
        // Arrange
        var pane = await RegisteredPaneAsync();
        var stale = await Hold("yesterday's news", DateTimeOffset.UtcNow.AddDays(-2));

        // Act
        var before = await InboxEntry(stale.Id);
        var outcome = await pane.RunAsync(HookEvents.Tool("PostToolUse", "Bash"));

        // Assert
        before.Status.Should().Be(DeliveryStatus.NotDelivered);
        before.Reason.Should().Contain("never delivered");
        outcome.Should().Be(new HookInPane.Outcome(0, "", ""));
        var after = await InboxEntry(stale.Id);
        after.Status.Should().Be(DeliveryStatus.NotDelivered);
        after.Delivered.Should().BeFalse();
        after.Reason.Should().Contain("never delivered");
        after.Text.Should().Be("yesterday's news", "it still shows in the inbox");
        (await new HeldQueue(Store).ForAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken)).Should().BeEmpty("the hook gave it up");
    }
}
