using System.Text.Json;
using SessionBridge.Migration;
using SessionBridge.State;

namespace SessionBridge.Tests.Store;

/// <summary>
/// <c>session-bridge migrate</c>'s copy through the store interfaces: a state directory copied into a store and back
/// into a fresh directory loses nothing, keeps every id and the order of every line, and a re-run copies nothing twice.
/// </summary>
public abstract class MigrationContract(NatsServer? nats) : StoreContract(nats)
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-12-01T10:00:00.1234567Z");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_state_directory_copied_into_the_store_and_back_loses_nothing()
    {
        // Arrange: a directory with something of every kind, written the way the tools write it.
        var source = FileStore();
        await Fill(source);
        var middle = OpenStore();
        middle.Directory.EnsureCreated();
        var back = FileStore();

        // Act
        var there = await new StoreCopy(source, middle).CopyAsync(TestContext.Current.CancellationToken);
        var returned = await new StoreCopy(middle, back).CopyAsync(TestContext.Current.CancellationToken);

        // Assert
        there.Should().Be(new CopyCounts(2, 2, 1, 1, 1, Messages: 5, StatusLines: 2, LinesAlreadyThere: 0, ReadMarks: 2, Held: 1));
        returned.Should().Be(there);
        await ShouldHoldTheSame(back, source);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Copying_again_copies_no_line_twice()
    {
        // Arrange
        var source = FileStore();
        await Fill(source);
        var middle = OpenStore();
        middle.Directory.EnsureCreated();
        await new StoreCopy(source, middle).CopyAsync(TestContext.Current.CancellationToken);
        await source.Messages.AppendAsync(Message("m6", 6, "gestor", "dev", "One more."), TestContext.Current.CancellationToken);

        // Act
        var again = await new StoreCopy(source, middle).CopyAsync(TestContext.Current.CancellationToken);

        // Assert
        again.Messages.Should().Be(1);
        again.StatusLines.Should().Be(0);
        again.LinesAlreadyThere.Should().Be(7);
        (await middle.Messages.LinesAsync(TestContext.Current.CancellationToken).Select(l => (l.Id, l.Kind)).ToListAsync(TestContext.Current.CancellationToken))
            .Should()
            .Equal(await source.Messages.LinesAsync(TestContext.Current.CancellationToken).Select(l => (l.Id, l.Kind)).ToListAsync(TestContext.Current.CancellationToken));
        (await StoreCopy.HoldingsAsync(middle, TestContext.Current.CancellationToken)).Should().Contain("2 registrations").And.Contain("a conversation");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task An_empty_store_holds_nothing()
    {
        // Act
        var holdings = await StoreCopy.HoldingsAsync(OpenStore(), TestContext.Current.CancellationToken);

        // Assert
        holdings.Should().BeEmpty();
    }

    private static MessageRecord Message(string id, int second, string from, string to, string text, DeliveryStatus status = DeliveryStatus.Submitted) =>
        new(id, T0.AddSeconds(second), from, to, text, status.IsDelivered(), status.IsSubmitted(), null, null, status, true);

    private static async Task Fill(StateStore store)
    {
        await store.Registry.SaveAsync(new PeerRegistration("dev", "%1", "/tmp/tmux-0/default", 100, 101, "/src/app", T0, T0.AddMinutes(5)), TestContext.Current.CancellationToken);
        await store.Registry.SaveAsync(new PeerRegistration("gestor", "%2", null, 100, 102, "/src", T0, T0.AddMinutes(6), T0.AddMinutes(7)), TestContext.Current.CancellationToken);
        await store.Prompts.SaveAsync(new SavedPrompt("dev", "You write the code.\nSmall commits.", T0), TestContext.Current.CancellationToken);
        await store.Prompts.SaveAsync(new SavedPrompt("gestor", "You plan.", T0.AddSeconds(1)), TestContext.Current.CancellationToken);
        await store.Sessions.SaveAsync(new RoleSession("dev", "shop", "0f6c0d7e-1c55-4b0f-9a52-2b1de0b0a001", T0), TestContext.Current.CancellationToken);
        await store.Supervision.SetAsync(RoleName.Parse("gestor"), [RoleName.Parse("dev")], T0, [SupervisionNotice.Questions, SupervisionNotice.Ended], TestContext.Current.CancellationToken);
        await store.Supervision.ClaimEndedAsync(RoleName.Parse("dev"), T0.AddMinutes(1), TestContext.Current.CancellationToken);
        using (var input = JsonDocument.Parse("""{"command":"rm -rf build"}"""))
        {
            await store.Requests.CreateAsync(new PermissionRequestRecord("a1b2c3", "dev", "gestor", "%1", null, "s-1", "Bash", input.RootElement.Clone(), null, T0, T0.AddMinutes(2)), T0, TestContext.Current.CancellationToken);
        }

        await store.Messages.AppendAsync(Message("m1", 1, "gestor", "dev", "Start on the parser."), TestContext.Current.CancellationToken);
        await store.Messages.AppendAsync(Message("m2", 2, "dev", "gestor", "On it."), TestContext.Current.CancellationToken);
        var held = Message("m3", 3, "gestor", "dev", "Tests first.", DeliveryStatus.Held);
        await store.Messages.UnderMailboxLockAsync(RoleName.Parse("dev"), async write =>
            {
                await write(LogLine.Of(held));
                await store.Held.WriteAsync(RoleName.Parse("dev"), [held], TestContext.Current.CancellationToken);
                return true;
            }, TestContext.Current.CancellationToken);
        await store.Messages.UnderMailboxLockAsync(RoleName.Parse("dev"), async write =>
            {
                await write(LogLine.Of(StatusLine.About(held, T0.AddSeconds(4), DeliveryStatus.Held, "still on a menu", null)));
                await write(LogLine.Of(StatusLine.About(held, T0.AddSeconds(5), DeliveryStatus.Submitted, null, DeliveredVia.PostToolUse)));
                await store.Held.WriteAsync(RoleName.Parse("dev"), [], TestContext.Current.CancellationToken);
                return true;
            }, TestContext.Current.CancellationToken);
        var waiting = Message("m4", 6, "dev", "reviewer", "Please review #12.", DeliveryStatus.Held);
        await store.Messages.UnderMailboxLockAsync(RoleName.Parse("reviewer"), async write =>
            {
                await write(LogLine.Of(waiting));
                await store.Held.WriteAsync(RoleName.Parse("reviewer"), [waiting], TestContext.Current.CancellationToken);
                return true;
            }, TestContext.Current.CancellationToken);
        await store.Messages.AppendAsync(Message("m5", 7, "gestor", "dev", "Thanks — ship it \"today\".\n\tTabs too."), TestContext.Current.CancellationToken);
        await store.Messages.MarkReadAsync(RoleName.Parse("dev"), Message("m5", 7, "gestor", "dev", ""), TestContext.Current.CancellationToken);
        await store.Messages.MarkReadAsync(RoleName.Parse("gestor"), Message("m2", 2, "dev", "gestor", ""), TestContext.Current.CancellationToken);
    }

    private static async Task ShouldHoldTheSame(StateStore actual, StateStore expected)
    {
        (await actual.Registry.AllAsync(TestContext.Current.CancellationToken)).Should().Equal((await expected.Registry.AllAsync(TestContext.Current.CancellationToken)));
        (await actual.Prompts.AllAsync(TestContext.Current.CancellationToken)).Should().Equal((await expected.Prompts.AllAsync(TestContext.Current.CancellationToken)));
        (await actual.Sessions.AllAsync(TestContext.Current.CancellationToken)).Should().Equal((await expected.Sessions.AllAsync(TestContext.Current.CancellationToken)));
        Json((await actual.Supervision.AllAsync(TestContext.Current.CancellationToken))).Should().Be(Json((await expected.Supervision.AllAsync(TestContext.Current.CancellationToken))));
        (await actual.Requests.AllAsync(TestContext.Current.CancellationToken)).Select(r => JsonSerializer.Serialize(r, StateJsonContext.Files.PermissionRequestRecord))
            .Should().Equal((await expected.Requests.AllAsync(TestContext.Current.CancellationToken)).Select(r => JsonSerializer.Serialize(r, StateJsonContext.Files.PermissionRequestRecord)));

        // The conversation and every mailbox, byte for byte: ids, order, status lines and every field as written.
        File.ReadAllText(actual.Directory.ConversationPath).Should().Be(File.ReadAllText(expected.Directory.ConversationPath));
        foreach (var role in new[] { "dev", "gestor", "reviewer" })
        {
            var name = RoleName.Parse(role);
            File.ReadAllText(actual.Directory.MailboxPath(name)).Should().Be(File.ReadAllText(expected.Directory.MailboxPath(name)), role);
            (await actual.Messages.LastReadIdAsync(name, TestContext.Current.CancellationToken)).Should().Be((await expected.Messages.LastReadIdAsync(name, TestContext.Current.CancellationToken)), role);
            (await actual.Held.ReadAsync(name, TestContext.Current.CancellationToken)).Should().Equal((await expected.Held.ReadAsync(name, TestContext.Current.CancellationToken)), role);
        }

        (await actual.Held.RolesAsync(TestContext.Current.CancellationToken)).Should().Equal(RoleName.Parse("reviewer"));
        (await actual.Messages.HistoryAsync(100, null, TestContext.Current.CancellationToken)).Records.Should().Equal((await expected.Messages.HistoryAsync(100, null, TestContext.Current.CancellationToken)).Records);
    }

    private static string Json(IReadOnlyList<SupervisorEntry> entries) =>
        string.Join("\n", entries.Select(e => $"{e.Role} {e.Supervisor} {e.Since:O} {string.Join(",", e.Notices)} {e.EndedTold:O}"));
}

public sealed class MigrationOnFiles() : MigrationContract(null);

public sealed class MigrationOnNats(NatsServer nats) : MigrationContract(nats), IClassFixture<NatsServer>;
