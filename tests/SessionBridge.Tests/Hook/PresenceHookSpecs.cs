using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Hook;

/// <summary>
/// The hook on every Claude Code event, run as Claude Code runs it: a real process under a real tmux pane,
/// so $TMUX, $TMUX_PANE and the walk to the pane's process are real. Each event leaves the pane's presence
/// where the server can read it, and a pane id reused by a restarted tmux never inherits it.
/// </summary>
public sealed class PresenceHookSpecs(PrivateTmuxServer tmux) : PresenceHookRig(tmux)
{
    public static TheoryData<string, string, string?> Events() =>
        new()
        {
            { HookEvents.Json("UserPromptSubmit", fields: ("prompt", "fix the bug")), "busy", null },
            { HookEvents.Tool("PreToolUse", "Bash"), "busy", "Bash" },
            { HookEvents.Tool("PreToolUse", "AskUserQuestion"), "waiting_question", "AskUserQuestion" },
            { HookEvents.Tool("PermissionRequest", "AskUserQuestion"), "waiting_question", "AskUserQuestion" },
            { HookEvents.Tool("PermissionRequest", "Bash"), "waiting_permission", "Bash" },
            { HookEvents.Tool("PostToolUse", "Bash"), "busy", "Bash" },
            { HookEvents.Tool("PostToolUseFailure", "Bash"), "busy", "Bash" },
            { HookEvents.Json("PreCompact", fields: ("trigger", "auto")), "busy", null },
            { HookEvents.Stop("Done."), "idle", null },
            { HookEvents.Json("StopFailure", fields: ("error", "rate_limit")), "idle", null },
            { HookEvents.Json("SessionStart", fields: ("source", "clear")), "idle", null },
            { HookEvents.Json("SessionEnd", fields: ("reason", "exit")), "ended", null },
        };

    [Theory(Timeout = Timeouts.Spec)]
    [MemberData(nameof(Events))]
    public async Task Each_event_records_the_pane_s_state_silently(string stdin, string state, string? tool)
    {
        // Arrange
        var pane = await PaneAsync();
        var before = DateTimeOffset.UtcNow;

        // Act
        var outcome = await pane.RunAsync(stdin);

        // Assert
        outcome.Should().Be(new HookInPane.Outcome(0, "", ""));
        var presence = await ReadAsync(pane);
        presence.Should().NotBeNull();
        ToWire(presence!.State).Should().Be(state);
        presence.Tool.Should().Be(tool);
        presence.SessionId.Should().Be("session-1");
        presence.Event.ToWireName().Should().Be(System.Text.Json.JsonDocument.Parse(stdin).RootElement.GetProperty("hook_event_name").GetString());
        presence.Since.Should().BeOnOrAfter(before).And.Be(presence.UpdatedAt);
        presence.Identity.Should().Be(await pane.IdentityAsync(), "the record names the server and the pane process tmux reports");
        Warnings.Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_repeated_state_keeps_the_time_it_began()
    {
        // Arrange
        var pane = await PaneAsync();
        await pane.RunAsync(HookEvents.Json("UserPromptSubmit"));
        var began = (await ReadAsync(pane))!.Since;

        // Act
        await pane.RunAsync(HookEvents.Tool("PreToolUse", "Bash"));
        await pane.RunAsync(HookEvents.Tool("PostToolUse", "Bash"));
        var stillBusy = (await ReadAsync(pane))!;
        await pane.RunAsync(HookEvents.Stop("All done."));
        var idle = (await ReadAsync(pane))!;

        // Assert
        stillBusy.Should().Match<Presence>(p => p.State == PresenceState.Busy && p.Since == began && p.Event == HookEventName.PostToolUse);
        stillBusy.UpdatedAt.Should().BeAfter(began);
        idle.State.Should().Be(PresenceState.Idle);
        idle.Since.Should().BeAfter(stillBusy.UpdatedAt, "a new state begins when it is entered");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_late_permission_notification_neither_undoes_a_wait_nor_makes_a_finished_tool_wait()
    {
        // Arrange: the dialog shows (PermissionRequest); its Notification comes seconds later (SPEC §6).
        var pane = await PaneAsync();
        await pane.RunAsync(HookEvents.Tool("PreToolUse", "Bash"));
        await pane.RunAsync(HookEvents.Tool("PermissionRequest", "Bash"));
        var waiting = (await ReadAsync(pane))!;

        // Act
        await pane.RunAsync(HookEvents.Notification("permission_prompt"));
        var afterNotification = (await ReadAsync(pane))!;
        await pane.RunAsync(HookEvents.Tool("PostToolUse", "Bash"));
        await pane.RunAsync(HookEvents.Notification("permission_prompt"));
        var afterAnswer = (await ReadAsync(pane))!;

        // Assert
        afterNotification.Should().Be(waiting, "a notification that tells nothing new writes nothing");
        afterAnswer.State.Should().Be(PresenceState.Busy, "the dialog was answered: the tool ran");
        afterAnswer.Event.Should().Be(HookEventName.PostToolUse);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_presence_file_is_0600_in_a_0700_directory_and_no_temp_file_is_left()
    {
        // Arrange
        var pane = await PaneAsync();

        // Act
        await pane.RunAsync(HookEvents.Json("UserPromptSubmit"));

        // Assert
        var identity = await pane.IdentityAsync();
        var path = Store.PathFor(identity.Socket, identity.Pane);
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Store.Directory).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.GetFiles(Store.Directory).Should().Equal(path);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_reader_never_sees_half_a_record_while_the_hook_rewrites_it()
    {
        // Arrange: two events with big answers, so a torn write would show as corrupt JSON or a mixed answer.
        var pane = await PaneAsync();
        await pane.RunAsync(HookEvents.Json("UserPromptSubmit"));
        var identity = await pane.IdentityAsync();
        var answers = new[] { new string('a', 7_000), new string('b', 7_000) };
        var seen = 0;
        using var done = new CancellationTokenSource();

        // Act
        // The reader rests a millisecond between reads: a loop that never does takes one of two cores from the hooks it
        // watches, and a hook run (a process start) still spans many reads.
        var reader = Task.Run(
            async () =>
            {
                while (!done.IsCancellationRequested)
                {
                    var presence = Store.Read(identity);
                    presence.Should().NotBeNull();
                    if (presence!.LastAnswer is { } answer)
                        answer.Should().BeOneOf(answers);
                    seen++;
                    await Task.Delay(1, CancellationToken.None);
                }
            },
            TestContext.Current.CancellationToken
        );
        await pane.RunManyAsync(8, HookEvents.Stop(answers[0]), HookEvents.Tool("PreToolUse", "Bash"), HookEvents.Stop(answers[1]));
        await done.CancelAsync();
        await reader;

        // Assert
        seen.Should().BeGreaterThan(20);
        Warnings.Should().BeEmpty();
        (await ReadAsync(pane))!.LastAnswer.Should().Be(answers[1]);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_pane_id_reused_after_a_tmux_restart_never_inherits_the_old_presence()
    {
        // Arrange: a server of its own, so pane ids start again from the same number after the restart.
        await using var server = new PrivateTmuxServer();
        await server.InitializeAsync();
        var before = await HookInPane.StartAsync(server, StateDir.Path, Files);
        await before.RunAsync(HookEvents.Tool("PermissionRequest", "Bash"));
        await before.RunAsync(HookEvents.Stop("The old session's answer."));
        var old = await before.IdentityAsync();
        await server.RestartAsync();
        var after = await HookInPane.StartAsync(server, StateDir.Path, Files);
        var reused = await after.IdentityAsync();
        reused.Pane.Should().Be(old.Pane, "the restarted server hands out the same pane id");

        // Act
        var beforeAnyEvent = Store.Read(reused);
        var warnedBeforeAnyEvent = Warnings.ToList();
        await after.RunAsync(HookEvents.Tool("PreToolUse", "Bash"));
        var presence = Store.Read(reused);
        var staleReader = Store.Read(old);

        // Assert
        beforeAnyEvent.Should().BeNull();
        warnedBeforeAnyEvent.Should().ContainSingle().Which.Should().Contain("tmux was restarted");
        presence.Should().NotBeNull();
        presence!.State.Should().Be(PresenceState.Busy);
        presence.LastAnswer.Should().BeNull("a stranger's answer is not this pane's");
        presence.LastAnswerAt.Should().BeNull();
        presence.Identity.Should().Be(reused);
        staleReader.Should().BeNull("the old pane process is gone; its reader gets nothing");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_last_answer_is_kept_exactly_and_outlives_later_events()
    {
        // Arrange
        var pane = await PaneAsync();
        const string answer = "Done: the migration \"0042\" runs.\n- ✓ tests pass 🎉\n\tnext: review";

        // Act
        await pane.RunAsync(HookEvents.Stop(answer));
        var idle = (await ReadAsync(pane))!;
        await pane.RunAsync(HookEvents.Json("UserPromptSubmit", fields: ("prompt", "next task")));
        await pane.RunAsync(HookEvents.Tool("PreToolUse", "Read"));
        var busy = (await ReadAsync(pane))!;

        // Assert
        idle.LastAnswer.Should().Be(answer);
        idle.LastAnswerAt.Should().Be(idle.UpdatedAt);
        busy.State.Should().Be(PresenceState.Busy);
        busy.LastAnswer.Should().Be(answer);
        busy.LastAnswerAt.Should().Be(idle.LastAnswerAt);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_long_last_answer_is_cut_to_8000_characters_with_a_note_and_no_split_surrogate()
    {
        // Arrange: an emoji (a surrogate pair) on every position the cut could fall on.
        var pane = await PaneAsync();
        var answer = "x" + string.Concat(Enumerable.Repeat("🎉", 6_000)); // 12,001 UTF-16 characters

        // Act
        var outcome = await pane.RunAsync(HookEvents.Stop(answer));

        // Assert
        outcome.ExitCode.Should().Be(0);
        var kept = (await ReadAsync(pane))!.LastAnswer!;
        kept.Length.Should().BeLessThanOrEqualTo(PresenceAnswer.MaxLength).And.BeGreaterThan(7_500);
        kept.Should().Contain("12,001 characters");
        answer.Should().StartWith(kept[..kept.IndexOf("\n\n[", StringComparison.Ordinal)]);
        kept.Where((c, i) => char.IsHighSurrogate(c) && (i + 1 == kept.Length || !char.IsLowSurrogate(kept[i + 1]))).Should().BeEmpty();
        new FileInfo(Store.PathFor(Tmux.Socket, pane.Pane)).Length.Should().BeLessThan(PresenceStore.MaxFileBytes);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task On_Linux_the_hook_finds_its_pane_in_proc_and_starts_no_ps()
    {
        // Arrange: a PATH with no programs in it, so a hook that started ps (the source for systems without
        // /proc) would find no process tree, no pane, and record nothing.
        var pane = await PaneAsync();
        var empty = Directory.CreateDirectory(Files.Combine("no-programs")).FullName;

        // Act
        var outcome = await pane.RunAsync(HookEvents.Json("UserPromptSubmit"), path: empty);

        // Assert
        outcome.Should().Be(new HookInPane.Outcome(0, "", ""));
        (await ReadAsync(pane))!.State.Should().Be(PresenceState.Busy);
    }

    private static string ToWire(PresenceState state) =>
        System.Text.Json.JsonSerializer.Serialize(state, StateJsonContext.Default.PresenceState).Trim('"');
}
