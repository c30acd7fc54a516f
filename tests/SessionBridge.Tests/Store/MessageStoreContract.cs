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
    public async Task A_message_is_in_the_conversation_and_in_the_recipients_inbox_for_another_host()
    {
        // Arrange
        var writer = Open("a");
        var reader = Open("b");
        var message = Message("gestor", "dev", "build it");

        // Act
        await writer.Messages.AppendAsync(message, TestContext.Current.CancellationToken);

        // Assert
        (await reader.Messages.HistoryAsync(10, null, TestContext.Current.CancellationToken)).Records.Should().Equal(message);
        (await reader.Messages.InboxAsync(Dev, 10, null, TestContext.Current.CancellationToken)).Records.Should().Equal(message);
        (await reader.Messages.InboxAsync(Gestor, 10, null, TestContext.Current.CancellationToken)).Records.Should().BeEmpty();
    }

    [Fact]
    public async Task History_gives_the_newest_messages_oldest_first_and_with_a_role_only_those_from_or_to_it()
    {
        // Arrange
        var store = Open();
        var sent = Enumerable.Range(0, 30).Select(i => Message(i % 3 == 0 ? "dev" : "gestor", i % 3 == 0 ? "gestor" : "reviewer", $"m{i}", i)).ToList();
        foreach (var message in sent)
            await store.Messages.AppendAsync(message, TestContext.Current.CancellationToken);

        // Act
        var newest = (await store.Messages.HistoryAsync(5, null, TestContext.Current.CancellationToken)).Records;
        var devs = (await store.Messages.HistoryAsync(3, Dev, TestContext.Current.CancellationToken)).Records;

        // Assert
        newest.Select(m => m.Text).Should().Equal("m25", "m26", "m27", "m28", "m29");
        devs.Select(m => m.Text).Should().Equal("m21", "m24", "m27");
    }

    [Fact]
    public async Task Inbox_after_a_message_gives_only_the_later_ones()
    {
        // Arrange
        var store = Open();
        var sent = Enumerable.Range(0, 6).Select(i => Message("gestor", "dev", $"m{i}", i)).ToList();
        foreach (var message in sent)
        {
            await store.Messages.AppendAsync(message, TestContext.Current.CancellationToken);
            await store.Messages.AppendAsync(Message("dev", "gestor", "noise", 100), TestContext.Current.CancellationToken);
        }

        // Act
        var later = (await store.Messages.InboxAsync(Dev, 100, after: sent[3].Id, TestContext.Current.CancellationToken)).Records;

        // Assert
        later.Select(m => m.Text).Should().Equal("m4", "m5");
    }

    [Fact]
    public async Task A_held_message_handed_over_shows_its_final_status_in_history_inbox_and_find()
    {
        // Arrange
        var store = Open("a");
        var other = Open("b");
        var held = Message("gestor", "dev", "when you can", status: DeliveryStatus.Held) with { Ts = DateTimeOffset.UtcNow };
        await new HeldQueue(store).HoldAsync(held, TestContext.Current.CancellationToken);

        // Act
        var claimed = await new HeldQueue(other).ClaimAsync(Dev, waiting => waiting, DeliveredVia.PostToolUse, DateTimeOffset.UtcNow, null, TestContext.Current.CancellationToken);

        // Assert
        claimed.Select(m => m.Id).Should().Equal(held.Id);
        var found = await store.Messages.FindAsync(Dev, held.Id, 100, TestContext.Current.CancellationToken);
        found!.Status.Should().Be(DeliveryStatus.Submitted);
        found.DeliveredVia.Should().Be(DeliveredVia.PostToolUse);
        (await store.Messages.HistoryAsync(10, null, TestContext.Current.CancellationToken)).Records.Should().ContainSingle().Which.Status.Should().Be(DeliveryStatus.Submitted);
        (await store.Messages.InboxAsync(Dev, 10, null, TestContext.Current.CancellationToken)).Records.Should().ContainSingle().Which.DeliveredVia.Should().Be(DeliveredVia.PostToolUse);
    }

    [Fact]
    public async Task The_conversation_since_a_position_gives_the_messages_appended_after_it_without_status_lines()
    {
        // Arrange
        var store = Open("a");
        await store.Messages.AppendAsync(Message("gestor", "dev", "before"), TestContext.Current.CancellationToken);
        var position = (await store.Messages.ConversationLengthAsync(TestContext.Current.CancellationToken));
        var held = Message("gestor", "dev", "held", status: DeliveryStatus.Held) with { Ts = DateTimeOffset.UtcNow };
        await new HeldQueue(store).HoldAsync(held, TestContext.Current.CancellationToken);
        await new HeldQueue(store).ClaimAsync(Dev, waiting => waiting, DeliveredVia.PostToolUse, DateTimeOffset.UtcNow, null, TestContext.Current.CancellationToken);
        var after = Message("dev", "gestor", "after");
        await Open("b").Messages.AppendAsync(after, TestContext.Current.CancellationToken);

        // Act
        var (messages, next) = await store.Messages.ConversationSinceAsync(position, TestContext.Current.CancellationToken);
        var (none, same) = await store.Messages.ConversationSinceAsync(next, TestContext.Current.CancellationToken);

        // Assert
        messages.Select(m => m.Text).Should().Equal("held", "after");
        next.Should().Be(await store.Messages.ConversationLengthAsync(TestContext.Current.CancellationToken));
        none.Should().BeEmpty();
        same.Should().Be(next);
    }

    [Fact]
    public async Task The_loop_brake_counts_what_one_role_sent_another_since_a_time()
    {
        // Arrange
        var store = Open();
        for (var i = 0; i < 5; i++)
            await store.Messages.AppendAsync(Message("gestor", "dev", $"m{i}", i * 10), TestContext.Current.CancellationToken);
        await store.Messages.AppendAsync(Message("reviewer", "dev", "other sender", 41), TestContext.Current.CancellationToken);
        await store.Messages.AppendAsync(Message("gestor", "dev", "refused", 42, DeliveryStatus.RefusedRate), TestContext.Current.CancellationToken);

        // Act
        var recent = await Open("b").Messages.SentSinceAsync(Dev, "gestor", Start.AddSeconds(15), 10, m => m.Status != DeliveryStatus.RefusedRate, TestContext.Current.CancellationToken);
        var capped = await store.Messages.SentSinceAsync(Dev, "gestor", Start, 2, _ => true, TestContext.Current.CancellationToken);

        // Assert
        recent.Select(m => m.Text).Should().Equal("m2", "m3", "m4");
        capped.Select(m => m.Text).Should().Equal("m4", "refused");
    }

    [Fact]
    public async Task A_read_mark_is_shared_by_every_process()
    {
        // Arrange
        var store = Open("a");
        var message = Message("gestor", "dev", "read me");
        await store.Messages.AppendAsync(message, TestContext.Current.CancellationToken);

        // Act
        var before = await store.Messages.LastReadIdAsync(Dev, TestContext.Current.CancellationToken);
        await store.Messages.MarkReadAsync(Dev, message, TestContext.Current.CancellationToken);

        // Assert
        before.Should().BeNull();
        (await Open("b").Messages.LastReadIdAsync(Dev, TestContext.Current.CancellationToken)).Should().Be(message.Id);
    }

    [Fact]
    public async Task A_message_with_room_to_spare_passes_the_check_before_typing()
    {
        // Arrange
        var store = Open();

        // Act
        var check = () => store.Messages.CheckRoomForAsync(Dev, new string('x', 200_000), TestContext.Current.CancellationToken);

        // Assert
        await check.Should().NotThrowAsync();
    }

    [Fact]
    public async Task The_mailbox_lock_lets_one_step_at_a_time_through_across_hosts()
    {
        // Arrange
        var stores = new[] { Open("a"), Open("b") };
        var inside = 0;
        var most = 0;

        // Act
        await Task.WhenAll(
            Enumerable
                .Range(0, 8)
                .Select(i =>
                    Task.Run(
                        () =>
                            stores[i % 2]
                                .Messages.UnderMailboxLockAsync(
                                    Dev,
                                    async append =>
                                    {
                                        var now = Interlocked.Increment(ref inside);
                                        InterlockedMax(ref most, now);
                                        await Task.Delay(20, TestContext.Current.CancellationToken);
                                        await append(LogLine.Of(Message("gestor", "dev", $"step {i}")));
                                        Interlocked.Decrement(ref inside);
                                        return true;
                                    },
                                    TestContext.Current.CancellationToken
                                ),
                        TestContext.Current.CancellationToken
                    )
                )
        );

        // Assert
        most.Should().Be(1);
        (await stores[0].Messages.InboxAsync(Dev, 100, null, TestContext.Current.CancellationToken)).Records.Should().HaveCount(8);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}

public sealed class MessageStoreOnFiles() : MessageStoreContract(null);

public sealed class MessageStoreOnNats(NatsServer nats) : MessageStoreContract(nats), IClassFixture<NatsServer>;
