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
    public void Held_messages_are_read_back_by_another_host_oldest_first_per_role()
    {
        // Arrange
        var writer = Open("a");
        var reader = Open("b");
        var first = Held("dev", "first");
        var second = Held("dev", "second", 1);
        var other = Held("reviewer", "other");

        // Act
        writer.Held.Write(Dev, [first, second]);
        writer.Held.Write(Reviewer, [other]);

        // Assert
        reader.Held.Read(Dev).Should().Equal(first, second);
        reader.Held.Read(Reviewer).Should().Equal(other);
        reader.Held.Roles().Should().Equal(Dev, Reviewer);
    }

    [Fact]
    public void Writing_a_shorter_list_removes_the_rest_and_an_empty_one_removes_the_role()
    {
        // Arrange
        var store = Open();
        var first = Held("dev", "first");
        var second = Held("dev", "second", 1);
        store.Held.Write(Dev, [first, second]);

        // Act
        store.Held.Write(Dev, [second]);
        var afterOne = store.Held.Read(Dev);
        store.Held.Write(Dev, []);

        // Assert
        afterOne.Should().Equal(second);
        store.Held.Read(Dev).Should().BeEmpty();
        store.Held.Roles().Should().BeEmpty();
    }

    [Fact]
    public void The_host_that_held_a_message_knows_one_is_held_until_it_is_handed_over()
    {
        // Arrange
        var store = Open("a");
        var before = store.Held.Any();
        new HeldQueue(store).Hold(Held("dev", "when you can"));

        // Act
        var whileHeld = store.Held.Any();
        new HeldQueue(store).Claim(Dev, waiting => waiting, DeliveredVia.PostToolUse, DateTimeOffset.UtcNow);

        // Assert
        before.Should().BeFalse();
        whileHeld.Should().BeTrue();
        store.Held.Any().Should().BeFalse();
    }

    [Fact]
    public void While_another_role_still_has_one_held_the_host_still_knows_one_is_held()
    {
        // Arrange
        var store = Open("a");
        new HeldQueue(store).Hold(Held("dev", "for dev"));
        new HeldQueue(store).Hold(Held("reviewer", "for the reviewer"));

        // Act
        new HeldQueue(store).Claim(Dev, waiting => waiting, DeliveredVia.PostToolUse, DateTimeOffset.UtcNow);

        // Assert
        store.Held.Any().Should().BeTrue();
        store.Held.Roles().Should().Equal(Reviewer);
    }

    [Fact]
    public void Many_large_held_messages_for_one_role_are_all_kept()
    {
        // Arrange: together far more than one NATS payload (1 MB), each well within one.
        var store = Open();
        var messages = Enumerable.Range(0, 24).Select(i => Held("dev", new string((char)('a' + i), 100_000), i)).ToList();

        // Act
        foreach (var message in messages)
            new HeldQueue(store).Hold(message);

        // Assert
        Open("b").Held.Read(Dev).Select(m => m.Id).Should().Equal(messages.Select(m => m.Id));
    }

    [Fact]
    public void A_held_message_claimed_by_two_hosts_at_once_is_handed_over_exactly_once()
    {
        // Arrange
        var hostA = Open("a");
        var hostB = Open("b");
        var messages = Enumerable.Range(0, 5).Select(i => Held("dev", $"m{i}", i)).ToList();
        foreach (var message in messages)
            new HeldQueue(hostA).Hold(message);

        // Act: each host claims one at a time, as its hooks would, until none is left.
        var claimed = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(
            0,
            6,
            i =>
            {
                var queue = new HeldQueue(i % 2 == 0 ? hostA : hostB);
                while (true)
                {
                    var taken = queue.Claim(Dev, waiting => [waiting[0]], DeliveredVia.PostToolUse, DateTimeOffset.UtcNow);
                    if (taken.Count == 0)
                        return;
                    foreach (var message in taken)
                        claimed.Add(message.Id);
                }
            }
        );

        // Assert
        claimed.Should().BeEquivalentTo(messages.Select(m => m.Id));
        hostB.Held.Read(Dev).Should().BeEmpty();
        hostB.Messages.Inbox(Dev, 100).Records.Should().OnlyContain(m => m.Status == DeliveryStatus.Submitted).And.HaveCount(5);
    }
}

public sealed class HeldStoreOnFiles() : HeldStoreContract(null);

public sealed class HeldStoreOnNats(NatsServer nats) : HeldStoreContract(nats), IClassFixture<NatsServer>;
