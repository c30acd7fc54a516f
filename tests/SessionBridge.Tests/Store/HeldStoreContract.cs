using SessionBridge.Held;
using SessionBridge.State;
using SessionBridge.State.Nats;

namespace SessionBridge.Tests.Store;

public abstract class HeldStoreContract(NatsServer? nats) : StoreContract(nats)
{
    /// <summary>A store as a process opens it, its local folder made (as every front end does first).</summary>
    private StateStore Open(string host = "a")
    {
        var store = OpenStore(host);
        store.Directory.EnsureCreated();
        return store;
    }

    private static RoleName Dev => RoleName.Parse("dev");

    private static RoleName Reviewer => RoleName.Parse("reviewer");

    private static MessageRecord Held(string to, string text, int second = 0) =>
        new(MessageId.New(), DateTimeOffset.UtcNow.AddSeconds(second), "gestor", to, text, false, false, Status: DeliveryStatus.Held);

    [Fact]
    public async Task Held_messages_are_read_back_by_another_host_oldest_first_per_role()
    {
        // Arrange
        var writer = Open("a");
        var reader = Open("b");
        var first = Held("dev", "first");
        var second = Held("dev", "second", 1);
        var other = Held("reviewer", "other");

        // Act
        await writer.Held.WriteAsync(Dev, [first, second], TestContext.Current.CancellationToken);
        await writer.Held.WriteAsync(Reviewer, [other], TestContext.Current.CancellationToken);

        // Assert
        (await reader.Held.ReadAsync(Dev, TestContext.Current.CancellationToken)).Should().Equal(first, second);
        (await reader.Held.ReadAsync(Reviewer, TestContext.Current.CancellationToken)).Should().Equal(other);
        (await reader.Held.RolesAsync(TestContext.Current.CancellationToken)).Should().Equal(Dev, Reviewer);
    }

    [Fact]
    public async Task Writing_a_shorter_list_removes_the_rest_and_an_empty_one_removes_the_role()
    {
        // Arrange
        var store = Open();
        var first = Held("dev", "first");
        var second = Held("dev", "second", 1);
        await store.Held.WriteAsync(Dev, [first, second], TestContext.Current.CancellationToken);

        // Act
        await store.Held.WriteAsync(Dev, [second], TestContext.Current.CancellationToken);
        var afterOne = await store.Held.ReadAsync(Dev, TestContext.Current.CancellationToken);
        await store.Held.WriteAsync(Dev, [], TestContext.Current.CancellationToken);

        // Assert
        afterOne.Should().Equal(second);
        (await store.Held.ReadAsync(Dev, TestContext.Current.CancellationToken)).Should().BeEmpty();
        (await store.Held.RolesAsync(TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_host_that_held_a_message_knows_one_is_held_until_it_is_handed_over()
    {
        // Arrange
        var store = Open("a");
        var before = await store.Held.AnyAsync(TestContext.Current.CancellationToken);
        await new HeldQueue(store).HoldAsync(Held("dev", "when you can"), TestContext.Current.CancellationToken);

        // Act
        var whileHeld = await store.Held.AnyAsync(TestContext.Current.CancellationToken);
        await new HeldQueue(store).ClaimAsync(Dev, waiting => waiting, DeliveredVia.PostToolUse, DateTimeOffset.UtcNow, null, TestContext.Current.CancellationToken);

        // Assert
        before.Should().BeFalse();
        whileHeld.Should().BeTrue();
        (await store.Held.AnyAsync(TestContext.Current.CancellationToken)).Should().BeFalse();
    }

    [Fact]
    public async Task While_another_role_still_has_one_held_the_host_still_knows_one_is_held()
    {
        // Arrange
        var store = Open("a");
        await new HeldQueue(store).HoldAsync(Held("dev", "for dev"), TestContext.Current.CancellationToken);
        await new HeldQueue(store).HoldAsync(Held("reviewer", "for the reviewer"), TestContext.Current.CancellationToken);

        // Act
        await new HeldQueue(store).ClaimAsync(Dev, waiting => waiting, DeliveredVia.PostToolUse, DateTimeOffset.UtcNow, null, TestContext.Current.CancellationToken);

        // Assert
        (await store.Held.AnyAsync(TestContext.Current.CancellationToken)).Should().BeTrue();
        (await store.Held.RolesAsync(TestContext.Current.CancellationToken)).Should().Equal(Reviewer);
    }

    [Fact]
    public async Task A_message_handed_to_a_session_is_kept_changed_until_its_turn_carries_it_and_then_delivered()
    {
        // Arrange
        var hostA = Open("a");
        var hostB = Open("b");
        var message = Held("dev", "the tests use staging");
        var older = Held("dev", "older, a slash command", -1) with { Text = "/compact" };
        await new HeldQueue(hostA).HoldAsync(older, TestContext.Current.CancellationToken);
        await new HeldQueue(hostA).HoldAsync(message, TestContext.Current.CancellationToken);
        var session = new Handover("session-a", "%1", DateTimeOffset.UtcNow);

        // Act
        await new HeldQueue(hostA).ClaimAsync(Dev, waiting => [.. waiting.Where(m => m.Id == message.Id)], DeliveredVia.SessionStart, DateTimeOffset.UtcNow, session, TestContext.Current.CancellationToken);
        var handed = await hostB.Held.ReadAsync(Dev, TestContext.Current.CancellationToken);
        var waitingThen = await new HeldQueue(hostB).ForAsync(Dev, TestContext.Current.CancellationToken);
        var carried = await new HeldQueue(hostB).CarriedAsync(Dev, "session-a", "%1", DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        // Assert
        handed.Single(m => m.Id == message.Id).HandedOver.Should().Be(session, "another host reads the change");
        waitingThen.Select(m => m.Id).Should().Equal(older.Id);
        carried.Should().Be(1);
        (await hostA.Held.ReadAsync(Dev, TestContext.Current.CancellationToken)).Select(m => m.Id).Should().Equal(older.Id);
        var entry = (await hostA.Messages.InboxAsync(Dev, 100, null, TestContext.Current.CancellationToken)).Records.Single(m => m.Id == message.Id);
        (entry.Status, entry.Delivered, entry.DeliveredVia).Should().Be((DeliveryStatus.Submitted, true, DeliveredVia.SessionStart));
    }

    [Fact]
    public async Task Many_large_held_messages_for_one_role_are_all_kept()
    {
        // Arrange: together far more than one NATS payload (1 MB), each well within one.
        var store = Open();
        var messages = Enumerable.Range(0, 24).Select(i => Held("dev", new string((char)('a' + i), 100_000), i)).ToList();

        // Act
        foreach (var message in messages)
            await new HeldQueue(store).HoldAsync(message, TestContext.Current.CancellationToken);

        // Assert
        (await Open("b").Held.ReadAsync(Dev, TestContext.Current.CancellationToken)).Select(m => m.Id).Should().Equal(messages.Select(m => m.Id));
    }

    [Fact]
    public async Task A_held_message_claimed_by_two_hosts_at_once_is_handed_over_exactly_once()
    {
        // Arrange
        var hostA = Open("a");
        var hostB = Open("b");
        var messages = Enumerable.Range(0, 5).Select(i => Held("dev", $"m{i}", i)).ToList();
        foreach (var message in messages)
            await new HeldQueue(hostA).HoldAsync(message, TestContext.Current.CancellationToken);

        // Act: each host claims one at a time, as its hooks would, until none is left.
        var claimed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => Task.Run(
            async () =>
            {
                var queue = new HeldQueue(i % 2 == 0 ? hostA : hostB);
                while (true)
                {
                    var taken = await queue.ClaimAsync(Dev, waiting => [waiting[0]], DeliveredVia.PostToolUse, DateTimeOffset.UtcNow, null, TestContext.Current.CancellationToken);
                    if (taken.Count == 0)
                        return;
                    foreach (var message in taken)
                        claimed.Add(message.Id);
                }
            },
            TestContext.Current.CancellationToken))
        );

        // Assert
        claimed.Should().BeEquivalentTo(messages.Select(m => m.Id));
        (await hostB.Held.ReadAsync(Dev, TestContext.Current.CancellationToken)).Should().BeEmpty();
        (await hostB.Messages.InboxAsync(Dev, 100, null, TestContext.Current.CancellationToken)).Records.Should().OnlyContain(m => m.Status == DeliveryStatus.Submitted).And.HaveCount(5);
    }
}

public sealed class HeldStoreOnFiles() : HeldStoreContract(null);

public sealed class HeldStoreOnNats(NatsServer nats) : HeldStoreContract(nats), IClassFixture<NatsServer>;
