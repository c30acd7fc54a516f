using System.Diagnostics;
using SessionBridge.State;
using SessionBridge.State.Nats;

namespace SessionBridge.Tests.Store;

public abstract class StateWatchContract(NatsServer? nats) : StoreContract(nats)
{
    /// <summary>A store as a process opens it, its local folder made (as every front end does first).</summary>
    private StateStore Open(string host = "a")
    {
        var store = OpenStore(host);
        store.Directory.EnsureCreated();
        return store;
    }

    private static RoleName Dev => RoleName.Parse("dev");

    private static MessageRecord Message(string text) => new(MessageId.New(), DateTimeOffset.UtcNow, "gestor", "dev", text, true, true);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_from_another_host_wakes_a_waiter_on_that_mailbox()
    {
        // Arrange
        var waiter = Open("a");
        var sender = Open("b");
        waiter.Directory.EnsureCreated();
        await sender.Messages.AppendAsync(Message("before the watch"), TestContext.Current.CancellationToken);
        using var watch = await waiter.WatchAsync(null, Dev, TestContext.Current.CancellationToken);
        var waiting = watch.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System, Cancellation);

        // Act
        await sender.Messages.AppendAsync(Message("wake up"), TestContext.Current.CancellationToken);
        var woke = await waiting;

        // Assert: true on a change, false on the watch's own timeout.
        woke.Should().BeTrue();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_change_while_nobody_waits_is_kept_for_the_next_wait_and_told_once()
    {
        // Arrange
        // The mailbox exists before the watch: on files, the append that creates it is two changes (made, written).
        var store = Open("a");
        store.Directory.EnsureCreated();
        await store.Messages.AppendAsync(Message("before the watch"), TestContext.Current.CancellationToken);
        using var watch = await store.WatchAsync(null, Dev, TestContext.Current.CancellationToken);
        await store.Messages.AppendAsync(Message("while nobody waits"), TestContext.Current.CancellationToken);
        await Eventually.WaitAsync(async () => (await store.Messages.InboxAsync(Dev, 10, null, TestContext.Current.CancellationToken)).Records.Count == 2, "the message logged");

        // Act
        var first = await watch.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, Cancellation);
        var second = await watch.WaitAsync(TimeSpan.FromMilliseconds(200), TimeProvider.System, Cancellation);

        // Assert
        first.Should().BeTrue();
        second.Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_change_to_another_roles_mailbox_does_not_wake_the_waiter()
    {
        // Arrange
        var store = Open("a");
        store.Directory.EnsureCreated();
        using var watch = await store.WatchAsync(null, Dev, TestContext.Current.CancellationToken);

        // Act
        await store.Messages.AppendAsync(Message("for the reviewer") with { To = "reviewer" }, TestContext.Current.CancellationToken);
        var woke = await watch.WaitAsync(TimeSpan.FromMilliseconds(300), TimeProvider.System, Cancellation);

        // Assert
        woke.Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_change_to_the_panes_presence_wakes_a_waiter()
    {
        // Arrange
        var store = Open("a");
        store.Directory.EnsureCreated();
        var pane = new PaneIdentity("/tmp/sock", 100, "%1", 200);
        var path = new PresenceStore(store.Directory).PathFor(pane.Socket, pane.Pane);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var watch = await store.WatchAsync(pane, Dev, TestContext.Current.CancellationToken);
        var waiting = watch.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System, Cancellation);

        // Act
        await File.WriteAllTextAsync(path, "{}", Cancellation);
        var woke = await waiting;

        // Assert
        woke.Should().BeTrue();
    }
}

public sealed class StateWatchOnFiles() : StateWatchContract(null);

public sealed class StateWatchOnNats(NatsServer nats) : StateWatchContract(nats), IClassFixture<NatsServer>;
