using SessionBridge.State;

namespace SessionBridge.Tests.Hook;

/// <summary>
/// What each event makes of a pane's presence where order and timing matter: the late Notification,
/// compaction, and the last answer. (Each event's own state is specified against the real hook in
/// <see cref="PresenceHookSpecs"/>.)
/// </summary>
public sealed class PresenceTransitionsSpecs
{
    private static readonly PaneIdentity Pane = new("/tmp/tmux-1000/default", 4100, "%5", 4242);
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static Presence After(Presence? current, HookInput hook, double seconds) =>
        PresenceTransitions.Apply(current, hook, Pane, T0.AddSeconds(seconds))!;

    private static Presence Busy(HookEventName @event = HookEventName.PreToolUse, string? tool = "Bash", double at = 0) =>
        After(null, new HookInput(@event, "s1", tool), at);

    [Fact]
    public void A_permission_Notification_turns_a_pending_tool_into_a_wait_where_PermissionRequest_did_not_fire()
    {
        // Arrange: Claude Code without PermissionRequest: PreToolUse, then only the late Notification.
        var busy = Busy(HookEventName.PreToolUse, "Bash");

        // Act
        var waiting = After(busy, new HookInput(HookEventName.Notification, "s1", NotificationType: "permission_prompt"), 6);

        // Assert
        waiting.State.Should().Be(PresenceState.WaitingPermission);
        waiting.Tool.Should().Be("Bash");
        waiting.Since.Should().Be(T0.AddSeconds(6));
    }

    public static TheoryData<string, string> NotificationsThatChangeNothing() =>
        new()
        {
            { "waiting_permission", "permission_prompt" },
            { "waiting_question", "permission_prompt" },
            { "busy after PostToolUse", "permission_prompt" },
            { "idle", "permission_prompt" },
            { "waiting_permission", "idle_prompt" },
            { "busy a moment ago", "idle_prompt" },
            { "idle", "idle_prompt" },
            { "busy after PostToolUse", "auth_success" },
            { "waiting_question", "elicitation_dialog" },
            { "none", "permission_prompt" },
        };

    [Theory]
    [MemberData(nameof(NotificationsThatChangeNothing))]
    public void A_Notification_never_undoes_a_newer_state(string current, string type)
    {
        // Arrange
        var presence = current switch
        {
            "waiting_permission" => After(Busy(), new HookInput(HookEventName.PermissionRequest, "s1", "Bash"), 0),
            "waiting_question" => After(Busy(), new HookInput(HookEventName.PermissionRequest, "s1", "AskUserQuestion"), 0),
            "busy after PostToolUse" => Busy(HookEventName.PostToolUse, "Bash"),
            "busy a moment ago" => Busy(HookEventName.UserPromptSubmit, null),
            "idle" => After(Busy(), new HookInput(HookEventName.Stop, "s1"), 0),
            _ => null,
        };

        // Act
        var next = PresenceTransitions.Apply(presence, new HookInput(HookEventName.Notification, "s1", NotificationType: type), Pane, T0.AddSeconds(6));

        // Assert
        next.Should().BeNull("null leaves the file as it is");
    }

    [Fact]
    public void An_idle_prompt_Notification_long_after_the_last_event_catches_an_interrupted_turn()
    {
        // Arrange: Escape fires no hook, so the record still says busy; a minute later Claude Code says it is idle.
        var busy = Busy(HookEventName.PreToolUse, "Bash");

        // Act
        var idle = After(busy, new HookInput(HookEventName.Notification, "s1", NotificationType: "idle_prompt"), 61);

        // Assert
        idle.State.Should().Be(PresenceState.Idle);
        idle.Event.Should().Be(HookEventName.Notification);
    }

    [Fact]
    public void Compaction_keeps_a_turn_busy_and_a_manual_compact_ends_idle()
    {
        // Arrange
        var idle = After(null, new HookInput(HookEventName.Stop, "s1"), 0);

        // Act
        var compacting = After(idle, new HookInput(HookEventName.PreCompact, "s1", Trigger: "manual"), 1);
        var restarted = PresenceTransitions.Apply(compacting, new HookInput(HookEventName.SessionStart, "s1", Source: "compact"), Pane, T0.AddSeconds(2));
        var compacted = After(compacting, new HookInput(HookEventName.PostCompact, "s1", Trigger: "manual"), 3);

        // Assert
        compacting.State.Should().Be(PresenceState.Busy);
        restarted.Should().BeNull("a compaction's SessionStart comes mid-turn as often as not");
        compacted.State.Should().Be(PresenceState.Idle);
    }

    [Fact]
    public void An_unknown_event_leaves_the_file_alone()
    {
        // Act
        var next = PresenceTransitions.Apply(Busy(), new HookInput(WireNames.ParseHookEventName("SubagentStart"), "s1"), Pane, T0);

        // Assert
        next.Should().BeNull();
    }

    [Fact]
    public void The_last_answer_survives_a_new_session_in_the_same_pane_and_a_Stop_without_one()
    {
        // Arrange
        var idle = After(Busy(), new HookInput(HookEventName.Stop, "s1", LastAssistantMessage: "Concluded: ship it."), 1);

        // Act
        var cleared = After(idle, new HookInput(HookEventName.SessionStart, "s2", Source: "clear"), 2);
        var stoppedWithout = After(cleared, new HookInput(HookEventName.Stop, "s2"), 3);

        // Assert
        stoppedWithout.LastAnswer.Should().Be("Concluded: ship it.");
        stoppedWithout.LastAnswerAt.Should().Be(T0.AddSeconds(1), "lastAnswerAt older than since tells a reader the answer predates this idle");
        stoppedWithout.SessionId.Should().Be("s2");
        stoppedWithout.Since.Should().Be(idle.Since, "idle repeated");
    }

    [Theory]
    [InlineData(8_000)]
    [InlineData(8_001)]
    [InlineData(1_000_000)]
    public void An_answer_is_kept_whole_up_to_8000_characters_and_cut_with_its_length_beyond(int length)
    {
        // Arrange
        var answer = new string('a', length);

        // Act
        var kept = PresenceAnswer.Bound(answer);

        // Assert
        kept.Length.Should().BeLessThanOrEqualTo(8_000);
        if (length <= 8_000)
            kept.Should().Be(answer);
        else
            kept.Should().StartWith(new string('a', 7_000)).And.EndWith("]").And.Contain($"{length:N0} characters");
    }
}
