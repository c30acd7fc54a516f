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
    public void A_state_directory_copied_into_the_store_and_back_loses_nothing()
    {
        // Arrange: a directory with something of every kind, written the way the tools write it.
        var source = FileStore();
        Fill(source);
        var middle = OpenStore();
        middle.Directory.EnsureCreated();
        var back = FileStore();

        // Act
        var there = new StoreCopy(source, middle).Copy();
        var returned = new StoreCopy(middle, back).Copy();

        // Assert
        there.Should().Be(new CopyCounts(2, 2, 1, 1, 1, Messages: 5, StatusLines: 2, LinesAlreadyThere: 0, ReadMarks: 2, Held: 1));
        returned.Should().Be(there);
        ShouldHoldTheSame(back, source);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public void Copying_again_copies_no_line_twice()
    {
        // Arrange
        var source = FileStore();
        Fill(source);
        var middle = OpenStore();
        middle.Directory.EnsureCreated();
        new StoreCopy(source, middle).Copy();
        source.Messages.Append(Message("m6", 6, "gestor", "dev", "One more."));

        // Act
        var again = new StoreCopy(source, middle).Copy();

        // Assert
        again.Messages.Should().Be(1);
        again.StatusLines.Should().Be(0);
        again.LinesAlreadyThere.Should().Be(7);
        middle.Messages.Lines().Select(l => (l.Id, l.Kind)).Should().Equal(source.Messages.Lines().Select(l => (l.Id, l.Kind)));
        StoreCopy.Holdings(middle).Should().Contain("2 registrations").And.Contain("a conversation");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public void An_empty_store_holds_nothing()
    {
        // Act
        var holdings = StoreCopy.Holdings(OpenStore());

        // Assert
        holdings.Should().BeEmpty();
    }

    private static MessageRecord Message(string id, int second, string from, string to, string text, DeliveryStatus status = DeliveryStatus.Submitted) =>
        new(id, T0.AddSeconds(second), from, to, text, status.IsDelivered(), status.IsSubmitted(), null, null, status, true);

    private static void Fill(StateStore store)
    {
        store.Registry.Save(new PeerRegistration("dev", "%1", "/tmp/tmux-0/default", 100, 101, "/src/app", T0, T0.AddMinutes(5)));
        store.Registry.Save(new PeerRegistration("gestor", "%2", null, 100, 102, "/src", T0, T0.AddMinutes(6), T0.AddMinutes(7)));
        store.Prompts.Save(new SavedPrompt("dev", "You write the code.\nSmall commits.", T0));
        store.Prompts.Save(new SavedPrompt("gestor", "You plan.", T0.AddSeconds(1)));
        store.Sessions.Save(new RoleSession("dev", "shop", "0f6c0d7e-1c55-4b0f-9a52-2b1de0b0a001", T0));
        store.Supervision.Set(RoleName.Parse("gestor"), [RoleName.Parse("dev")], T0, [SupervisionNotice.Questions, SupervisionNotice.Ended]);
        store.Supervision.ClaimEnded(RoleName.Parse("dev"), T0.AddMinutes(1));
        using (var input = JsonDocument.Parse("""{"command":"rm -rf build"}"""))
        {
            store.Requests.Create(
                new PermissionRequestRecord("a1b2c3", "dev", "gestor", "%1", null, "s-1", "Bash", input.RootElement.Clone(), null, T0, T0.AddMinutes(2)),
                T0
            );
        }

        store.Messages.Append(Message("m1", 1, "gestor", "dev", "Start on the parser."));
        store.Messages.Append(Message("m2", 2, "dev", "gestor", "On it."));
        var held = Message("m3", 3, "gestor", "dev", "Tests first.", DeliveryStatus.Held);
        store.Messages.UnderMailboxLock(
            RoleName.Parse("dev"),
            write =>
            {
                write(LogLine.Of(held));
                store.Held.Write(RoleName.Parse("dev"), [held]);
                return true;
            }
        );
        store.Messages.UnderMailboxLock(
            RoleName.Parse("dev"),
            write =>
            {
                write(LogLine.Of(StatusLine.About(held, T0.AddSeconds(4), DeliveryStatus.Held, "still on a menu", null)));
                write(LogLine.Of(StatusLine.About(held, T0.AddSeconds(5), DeliveryStatus.Submitted, null, DeliveredVia.PostToolUse)));
                store.Held.Write(RoleName.Parse("dev"), []);
                return true;
            }
        );
        var waiting = Message("m4", 6, "dev", "reviewer", "Please review #12.", DeliveryStatus.Held);
        store.Messages.UnderMailboxLock(
            RoleName.Parse("reviewer"),
            write =>
            {
                write(LogLine.Of(waiting));
                store.Held.Write(RoleName.Parse("reviewer"), [waiting]);
                return true;
            }
        );
        store.Messages.Append(Message("m5", 7, "gestor", "dev", "Thanks — ship it \"today\".\n\tTabs too."));
        store.Messages.MarkRead(RoleName.Parse("dev"), Message("m5", 7, "gestor", "dev", ""));
        store.Messages.MarkRead(RoleName.Parse("gestor"), Message("m2", 2, "dev", "gestor", ""));
    }

    private static void ShouldHoldTheSame(StateStore actual, StateStore expected)
    {
        actual.Registry.All().Should().Equal(expected.Registry.All());
        actual.Prompts.All().Should().Equal(expected.Prompts.All());
        actual.Sessions.All().Should().Equal(expected.Sessions.All());
        Json(actual.Supervision.All()).Should().Be(Json(expected.Supervision.All()));
        actual.Requests.All().Select(r => JsonSerializer.Serialize(r, StateJsonContext.Files.PermissionRequestRecord))
            .Should().Equal(expected.Requests.All().Select(r => JsonSerializer.Serialize(r, StateJsonContext.Files.PermissionRequestRecord)));

        // The conversation and every mailbox, byte for byte: ids, order, status lines and every field as written.
        File.ReadAllText(actual.Directory.ConversationPath).Should().Be(File.ReadAllText(expected.Directory.ConversationPath));
        foreach (var role in new[] { "dev", "gestor", "reviewer" })
        {
            var name = RoleName.Parse(role);
            File.ReadAllText(actual.Directory.MailboxPath(name)).Should().Be(File.ReadAllText(expected.Directory.MailboxPath(name)), role);
            actual.Messages.LastReadId(name).Should().Be(expected.Messages.LastReadId(name), role);
            actual.Held.Read(name).Should().Equal(expected.Held.Read(name), role);
        }

        actual.Held.Roles().Should().Equal(RoleName.Parse("reviewer"));
        actual.Messages.History(100).Records.Should().Equal(expected.Messages.History(100).Records);
    }

    private static string Json(IReadOnlyList<SupervisorEntry> entries) =>
        string.Join("\n", entries.Select(e => $"{e.Role} {e.Supervisor} {e.Since:O} {string.Join(",", e.Notices)} {e.EndedTold:O}"));
}

public sealed class MigrationOnFiles() : MigrationContract(null);

public sealed class MigrationOnNats(NatsServer nats) : MigrationContract(nats), IClassFixture<NatsServer>;
