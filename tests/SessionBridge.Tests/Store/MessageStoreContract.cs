using SessionBridge.Held;
using SessionBridge.State;
using SessionBridge.State.Nats;

namespace SessionBridge.Tests.Store;

public abstract class MessageStoreContract(NatsServer? nats) : StoreContract(nats)
{
    /// <summary>A store as a process opens it, its local folder made (as every front end does first).</summary>
    private StateStore Open(string host = "a")
    {
        var store = OpenStore(host);
        store.Directory.EnsureCreated();
        return store;
    }

    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-12-01T10:00:00Z");

    private static RoleName Dev => RoleName.Parse("dev");

    private static RoleName Gestor => RoleName.Parse("gestor");

    private static MessageRecord Message(string from, string to, string text, int second = 0, DeliveryStatus status = DeliveryStatus.Submitted) =>
        new(MessageId.New(), Start.AddSeconds(second), from, to, text, status.IsDelivered(), status.IsSubmitted(), Status: status);

    [Fact]
    public void A_message_is_in_the_conversation_and_in_the_recipients_inbox_for_another_host()
    {
        // Arrange
        var writer = Open("a");
        var reader = Open("b");
        var message = Message("gestor", "dev", "build it");

        // Act
        writer.Messages.Append(message);

        // Assert
        reader.Messages.History(10).Records.Should().Equal(message);
        reader.Messages.Inbox(Dev, 10).Records.Should().Equal(message);
        reader.Messages.Inbox(Gestor, 10).Records.Should().BeEmpty();
    }

    [Fact]
    public void History_gives_the_newest_messages_oldest_first_and_with_a_role_only_those_from_or_to_it()
    {
        // Arrange
        var store = Open();
        var sent = Enumerable.Range(0, 30).Select(i => Message(i % 3 == 0 ? "dev" : "gestor", i % 3 == 0 ? "gestor" : "reviewer", $"m{i}", i)).ToList();
        foreach (var message in sent)
            store.Messages.Append(message);

        // Act
        var newest = store.Messages.History(5).Records;
        var devs = store.Messages.History(3, Dev).Records;

        // Assert
        newest.Select(m => m.Text).Should().Equal("m25", "m26", "m27", "m28", "m29");
        devs.Select(m => m.Text).Should().Equal("m21", "m24", "m27");
    }

    [Fact]
    public void Inbox_after_a_message_gives_only_the_later_ones()
    {
        // Arrange
        var store = Open();
        var sent = Enumerable.Range(0, 6).Select(i => Message("gestor", "dev", $"m{i}", i)).ToList();
        foreach (var message in sent)
        {
            store.Messages.Append(message);
            store.Messages.Append(Message("dev", "gestor", "noise", 100));
        }

        // Act
        var later = store.Messages.Inbox(Dev, 100, after: sent[3].Id).Records;

        // Assert
        later.Select(m => m.Text).Should().Equal("m4", "m5");
    }

    [Fact]
    public void A_held_message_handed_over_shows_its_final_status_in_history_inbox_and_find()
    {
        // Arrange
        var store = Open("a");
        var other = Open("b");
        var held = Message("gestor", "dev", "when you can", status: DeliveryStatus.Held) with { Ts = DateTimeOffset.UtcNow };
        new HeldQueue(store).Hold(held);

        // Act
        var claimed = new HeldQueue(other).Claim(Dev, waiting => waiting, DeliveredVia.PostToolUse, DateTimeOffset.UtcNow);

        // Assert
        claimed.Select(m => m.Id).Should().Equal(held.Id);
        var found = store.Messages.Find(Dev, held.Id, 100);
        found!.Status.Should().Be(DeliveryStatus.Submitted);
        found.DeliveredVia.Should().Be(DeliveredVia.PostToolUse);
        store.Messages.History(10).Records.Should().ContainSingle().Which.Status.Should().Be(DeliveryStatus.Submitted);
        store.Messages.Inbox(Dev, 10).Records.Should().ContainSingle().Which.DeliveredVia.Should().Be(DeliveredVia.PostToolUse);
    }

    [Fact]
    public void The_conversation_since_a_position_gives_the_messages_appended_after_it_without_status_lines()
    {
        // Arrange
        var store = Open("a");
        store.Messages.Append(Message("gestor", "dev", "before"));
        var position = store.Messages.ConversationLength;
        var held = Message("gestor", "dev", "held", status: DeliveryStatus.Held) with { Ts = DateTimeOffset.UtcNow };
        new HeldQueue(store).Hold(held);
        new HeldQueue(store).Claim(Dev, waiting => waiting, DeliveredVia.PostToolUse, DateTimeOffset.UtcNow);
        var after = Message("dev", "gestor", "after");
        Open("b").Messages.Append(after);

        // Act
        var (messages, next) = store.Messages.ConversationSince(position);
        var (none, same) = store.Messages.ConversationSince(next);

        // Assert
        messages.Select(m => m.Text).Should().Equal("held", "after");
        next.Should().Be(store.Messages.ConversationLength);
        none.Should().BeEmpty();
        same.Should().Be(next);
    }

    [Fact]
    public void The_loop_brake_counts_what_one_role_sent_another_since_a_time()
    {
        // Arrange
        var store = Open();
        for (var i = 0; i < 5; i++)
            store.Messages.Append(Message("gestor", "dev", $"m{i}", i * 10));
        store.Messages.Append(Message("reviewer", "dev", "other sender", 41));
        store.Messages.Append(Message("gestor", "dev", "refused", 42, DeliveryStatus.RefusedRate));

        // Act
        var recent = Open("b").Messages.SentSince(Dev, "gestor", Start.AddSeconds(15), 10, m => m.Status != DeliveryStatus.RefusedRate);
        var capped = store.Messages.SentSince(Dev, "gestor", Start, 2, _ => true);

        // Assert
        recent.Select(m => m.Text).Should().Equal("m2", "m3", "m4");
        capped.Select(m => m.Text).Should().Equal("m4", "refused");
    }

    [Fact]
    public void A_read_mark_is_shared_by_every_process()
    {
        // Arrange
        var store = Open("a");
        var message = Message("gestor", "dev", "read me");
        store.Messages.Append(message);

        // Act
        var before = store.Messages.LastReadId(Dev);
        store.Messages.MarkRead(Dev, message);

        // Assert
        before.Should().BeNull();
        Open("b").Messages.LastReadId(Dev).Should().Be(message.Id);
    }

    [Fact]
    public void A_message_with_room_to_spare_passes_the_check_before_typing()
    {
        // Arrange
        var store = Open();

        // Act
        var check = () => store.Messages.CheckRoomFor(Dev, new string('x', 200_000));

        // Assert
        check.Should().NotThrow();
    }

    [Fact]
    public void The_mailbox_lock_lets_one_step_at_a_time_through_across_hosts()
    {
        // Arrange
        var stores = new[] { Open("a"), Open("b") };
        var inside = 0;
        var most = 0;

        // Act
        Parallel.For(
            0,
            8,
            i =>
                stores[i % 2]
                    .Messages.UnderMailboxLock(
                        Dev,
                        append =>
                        {
                            var now = Interlocked.Increment(ref inside);
                            InterlockedMax(ref most, now);
                            Thread.Sleep(20);
                            append(LogLine.Of(Message("gestor", "dev", $"step {i}")));
                            Interlocked.Decrement(ref inside);
                            return true;
                        }
                    )
        );

        // Assert
        most.Should().Be(1);
        stores[0].Messages.Inbox(Dev, 100).Records.Should().HaveCount(8);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}

public sealed class MessageStoreOnFiles() : MessageStoreContract(null);

public sealed class MessageStoreOnNats(NatsServer nats) : MessageStoreContract(nats), IClassFixture<NatsServer>;
