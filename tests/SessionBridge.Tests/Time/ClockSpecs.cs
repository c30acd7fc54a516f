using Microsoft.Extensions.Time.Testing;
using SessionBridge.Bridge;
using SessionBridge.Bridge.Results;
using SessionBridge.Held;
using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Time;

/// <summary>
/// What happens after a day, a minute or twenty seconds, on a fake clock: the product reads time only from the
/// <see cref="TimeProvider"/> it is given, so these specs move time on instead of waiting for it.
/// </summary>
public sealed class ClockSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _state = new("state");
    private readonly FakeTimeProvider _clock = new(T0);

    private StateStore Store => new(new StateDirectory(_state.Path), TimeSpan.FromSeconds(10), _clock);

    [Fact]
    public async Task A_held_message_waits_a_day_and_is_then_given_up_not_handed_over()
    {
        // Arrange
        var store = Store;
        store.Directory.EnsureCreated();
        var dev = RoleName.Parse("dev");
        var message = new MessageRecord(MessageId.New(), _clock.GetUtcNow(), "gestor", "dev", "deploy when ready", false, false, "held for the spec", Status: DeliveryStatus.Held, FromVerified: true);
        var queue = new HeldQueue(store);
        await queue.HoldAsync(message, TestContext.Current.CancellationToken);

        // Act
        _clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        var aSecondBefore = (await store.Messages.InboxAsync(dev, 10, null, TestContext.Current.CancellationToken)).Records.Single();
        _clock.Advance(TimeSpan.FromSeconds(2));
        var aSecondAfter = (await store.Messages.InboxAsync(dev, 10, null, TestContext.Current.CancellationToken)).Records.Single();
        var handedOver = await queue.ClaimAsync(dev, waiting => waiting, DeliveredVia.PostToolUse, _clock.GetUtcNow(), null, TestContext.Current.CancellationToken);

        // Assert
        aSecondBefore.Status.Should().Be(DeliveryStatus.Held);
        aSecondAfter.Status.Should().Be(DeliveryStatus.NotDelivered);
        aSecondAfter.Reason.Should().Contain("given up");
        handedOver.Should().BeEmpty("a message held over a day is stale: it is given up, not handed over");
        (await queue.ForAsync(dev, TestContext.Current.CancellationToken)).Should().BeEmpty();
        (await store.Messages.InboxAsync(dev, 10, null, TestContext.Current.CancellationToken)).Records.Single().Reason.Should().Contain("never delivered");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_loop_brake_counts_sends_in_the_last_60_s_and_lets_the_next_one_through_when_the_oldest_leaves()
    {
        // Arrange: dev's pane runs no Claude Code, so each send is refused at once (not_claude) yet counts.
        var pane = await tmux.StartPaneAsync("sleep 86400");
        await tmux.WaitForCommandAsync(pane, "sleep");
        var bridge = new UseCases(TestBridge.Options(_state.Path, tmux) with { MaxPerMinute = 2 }, _clock);
        await bridge.Roster.RegisterAsync("dev", pane, TestContext.Current.CancellationToken);
        Task<SendResult> Send() => bridge.Sending.SendAsync("dev", "gestor", "ping", cancellationToken: TestContext.Current.CancellationToken);

        // Act
        var first = await Send();
        _clock.Advance(TimeSpan.FromSeconds(10));
        var second = await Send();
        var third = await Send();
        _clock.Advance(TimeSpan.FromSeconds(49));
        var justBefore = await Send();
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        var justAfter = await Send();

        // Assert
        first.Status.Should().Be(DeliveryStatus.NotClaude);
        second.Status.Should().Be(DeliveryStatus.NotClaude);
        third.Status.Should().Be(DeliveryStatus.RefusedRate);
        third.Reason.Should().Contain("(in 50 s)", "the first send leaves the window 60 s after it was sent");
        justBefore.Status.Should().Be(DeliveryStatus.RefusedRate);
        justBefore.Reason.Should().Contain("(in 1 s)");
        justAfter.Status.Should().Be(DeliveryStatus.NotClaude, "the first send left the window; the refusals never counted");
    }

    [Fact]
    public async Task An_idle_prompt_Notification_turns_busy_into_idle_only_once_20_s_passed_without_another_event()
    {
        // Arrange: as the hook records it: the pane's record, updated under its lock with the clock's "now".
        var presence = new PresenceStore(new StateDirectory(_state.Path));
        var pane = new PaneIdentity(tmux.Socket, 4100, "%5", 4242);
        async Task<Presence?> Record(HookInput hook) => await presence.UpdateAsync(pane, current => PresenceTransitions.Apply(current, hook, pane, _clock.GetUtcNow()), TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var idlePrompt = new HookInput(HookEventName.Notification, "s1", NotificationType: "idle_prompt");
        await Record(new HookInput(HookEventName.PreToolUse, "s1", "Bash"));

        // Act
        _clock.Advance(TimeSpan.FromSeconds(19.9));
        var tooSoon = await Record(idlePrompt);
        var stillBusy = presence.Read(pane)!;
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        var late = await Record(idlePrompt);

        // Assert
        tooSoon.Should().BeNull("a notification may not undo a state newer than 20 s");
        stillBusy.State.Should().Be(PresenceState.Busy);
        late!.State.Should().Be(PresenceState.Idle);
        late.Since.Should().Be(T0.AddSeconds(20));
        presence.Read(pane)!.State.Should().Be(PresenceState.Idle);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task List_peers_says_since_when_a_state_holds_across_events_that_keep_it()
    {
        // Arrange: dev's pane, with its hook's presence written on the fake clock.
        var (pane, _) = await tmux.StartRecorderAsync();
        var bridge = new UseCases(TestBridge.Options(_state.Path, tmux), _clock);
        await bridge.Roster.RegisterAsync("dev", pane, TestContext.Current.CancellationToken);
        var ids = (await tmux.DisplayAsync(pane, "#{pid} #{pane_pid}")).Split(' ');
        var identity = new PaneIdentity(tmux.Socket, int.Parse(ids[0]), pane, int.Parse(ids[1]));
        var presence = new PresenceStore(new StateDirectory(_state.Path));
        async Task Hook(HookInput hook) => await presence.UpdateAsync(identity, current => PresenceTransitions.Apply(current, hook, identity, _clock.GetUtcNow()), TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        async Task<PeerView> Dev() => (await bridge.Roster.ListPeersAsync(TestContext.Current.CancellationToken)).Peers.Single();

        // Act
        await Hook(new HookInput(HookEventName.UserPromptSubmit, "s1"));
        var started = await Dev();
        _clock.Advance(TimeSpan.FromSeconds(30));
        await Hook(new HookInput(HookEventName.PostToolUse, "s1", "Bash"));
        var working = await Dev();
        _clock.Advance(TimeSpan.FromSeconds(45));
        await Hook(new HookInput(HookEventName.Stop, "s1"));
        var done = await Dev();

        // Assert
        (started.State, started.StateSource, started.StateSince).Should().Be((ListedState.Busy, StateSource.Hook, T0));
        (working.State, working.StateSince).Should().Be((ListedState.Busy, T0), "a tool's end keeps the turn busy since it began");
        (done.State, done.StateSince).Should().Be((ListedState.Idle, T0.AddSeconds(75)));
    }

    public void Dispose() => _state.Dispose();
}
