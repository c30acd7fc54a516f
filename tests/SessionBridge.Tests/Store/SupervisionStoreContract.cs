using SessionBridge.State;

namespace SessionBridge.Tests.Store;

public abstract class SupervisionStoreContract(NatsServer? nats) : StoreContract(nats)
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T12:00:00Z");
    private static readonly RoleName Gestor = RoleName.Parse("gestor");
    private static readonly RoleName Lead = RoleName.Parse("lead");
    private static readonly RoleName Dev = RoleName.Parse("dev");
    private static readonly RoleName Reviewer = RoleName.Parse("reviewer");

    [Fact]
    public void Nobody_is_supervised_in_a_new_team()
    {
        // Arrange
        var store = OpenStore();

        // Act
        var any = store.Supervision.Any();
        var all = store.Supervision.All();

        // Assert
        any.Should().BeFalse();
        all.Should().BeEmpty();
    }

    [Fact]
    public void A_supervision_set_on_one_host_is_read_on_another_by_role()
    {
        // Arrange
        var a = OpenStore("a");
        var b = OpenStore("b");

        // Act
        var replaced = a.Supervision.Set(Gestor, [Reviewer, Dev], Noon, [SupervisionNotice.Done]);

        // Assert
        replaced.Should().BeEmpty();
        a.Supervision.Any().Should().BeTrue();
        b.Supervision.All().Select(e => (e.Role, e.Supervisor, e.Since)).Should().Equal(("dev", "gestor", Noon), ("reviewer", "gestor", Noon));
        b.Supervision.Find(Dev)!.Notices.Should().Equal(SupervisionNotice.Done);
        b.Supervision.Find(Gestor).Should().BeNull();
    }

    [Fact]
    public void A_new_supervisor_replaces_the_old_and_the_same_one_keeps_its_start_and_changes_what_it_is_told()
    {
        // Arrange
        var store = OpenStore();
        store.Supervision.Set(Gestor, [Dev, Reviewer], Noon);

        // Act
        var replacedBySame = store.Supervision.Set(Gestor, [Dev], Noon.AddMinutes(1), [SupervisionNotice.Ended]);
        var replacedByLead = OpenStore("b").Supervision.Set(Lead, [Reviewer], Noon.AddMinutes(2));

        // Assert
        replacedBySame.Should().BeEmpty();
        replacedByLead.Should().ContainSingle().Which.Supervisor.Should().Be("gestor");
        var dev = store.Supervision.Find(Dev)!;
        (dev.Supervisor, dev.Since).Should().Be(("gestor", Noon));
        dev.Notices.Should().Equal(SupervisionNotice.Ended);
        var reviewer = store.Supervision.Find(Reviewer)!;
        (reviewer.Supervisor, reviewer.Since).Should().Be(("lead", Noon.AddMinutes(2)));
    }

    [Fact]
    public void Stopping_ends_only_the_supervisions_of_the_supervisor_named()
    {
        // Arrange
        var store = OpenStore();
        store.Supervision.Set(Gestor, [Dev], Noon);
        store.Supervision.Set(Lead, [Reviewer], Noon);

        // Act
        var notLead = store.Supervision.Stop([Dev], Lead);
        var byGestor = store.Supervision.Stop([Dev, Reviewer], Gestor);
        var anyone = OpenStore("b").Supervision.Stop([Reviewer, Dev], null);

        // Assert
        notLead.Should().BeEmpty();
        byGestor.Select(e => e.Role).Should().Equal("dev");
        anyone.Select(e => e.Role).Should().Equal("reviewer");
        store.Supervision.All().Should().BeEmpty();
    }

    [Fact]
    public void An_ended_session_is_claimed_once_and_a_later_session_of_the_role_again()
    {
        // Arrange
        var store = OpenStore();
        store.Supervision.Set(Gestor, [Dev], Noon);
        store.Supervision.Set(Lead, [Reviewer], Noon, [SupervisionNotice.Done]);

        // Act
        var first = store.Supervision.ClaimEnded(Dev, Noon.AddMinutes(1));
        var again = OpenStore("b").Supervision.ClaimEnded(Dev, Noon.AddMinutes(1));
        var nextSession = store.Supervision.ClaimEnded(Dev, Noon.AddMinutes(9));
        var notAsked = store.Supervision.ClaimEnded(Reviewer, Noon.AddMinutes(1));
        var unsupervised = store.Supervision.ClaimEnded(RoleName.Parse("ghost"), Noon);

        // Assert
        first!.Supervisor.Should().Be("gestor");
        again.Should().BeNull();
        nextSession.Should().NotBeNull();
        notAsked.Should().BeNull();
        unsupervised.Should().BeNull();
        store.Supervision.Find(Dev)!.EndedTold.Should().Be(Noon.AddMinutes(9));
    }

    [Fact(Timeout = 30_000)]
    public async Task Eight_claims_of_one_ended_session_on_two_hosts_have_exactly_one_winner()
    {
        // Arrange
        var hosts = new[] { OpenStore("a"), OpenStore("b") };
        hosts[0].Supervision.Set(Gestor, [Dev], Noon);

        for (var round = 1; round <= 3; round++)
        {
            var session = Noon.AddMinutes(round);

            // Act
            var claims = await StoreRaces.RunAsync(8, i => hosts[i % 2].Supervision.ClaimEnded(Dev, session));

            // Assert
            claims.Count(c => c is not null).Should().Be(1, $"the session ended once (round {round})");
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Of_two_supervisors_taking_a_role_at_once_one_replaces_the_other()
    {
        // Arrange
        var hosts = new[] { OpenStore("a"), OpenStore("b") };
        var supervisors = new[] { Gestor, Lead };

        for (var round = 0; round < 3; round++)
        {
            var role = RoleName.Parse($"dev{round}");

            // Act
            var replaced = await StoreRaces.RunAsync(2, i => hosts[i].Supervision.Set(supervisors[i], [role], Noon));

            // Assert
            var winner = hosts[0].Supervision.Find(role)!.Supervisor;
            replaced.SelectMany(r => r).Should().ContainSingle("the second to write replaced the first").Which.Supervisor.Should().NotBe(winner);
        }
    }
}

public sealed class SupervisionStoreOnFiles() : SupervisionStoreContract(null);

public sealed class SupervisionStoreOnNats(NatsServer nats) : SupervisionStoreContract(nats), IClassFixture<NatsServer>;
