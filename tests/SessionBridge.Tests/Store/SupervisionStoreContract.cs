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
    public async Task Nobody_is_supervised_in_a_new_team()
    {
        // Arrange
        var store = OpenStore();

        // Act
        var any = await store.Supervision.AnyAsync(TestContext.Current.CancellationToken);
        var all = await store.Supervision.AllAsync(TestContext.Current.CancellationToken);

        // Assert
        any.Should().BeFalse();
        all.Should().BeEmpty();
    }

    [Fact]
    public async Task A_supervision_set_on_one_host_is_read_on_another_by_role()
    {
        // Arrange
        var a = OpenStore("a");
        var b = OpenStore("b");

        // Act
        var replaced = await a.Supervision.SetAsync(Gestor, [Reviewer, Dev], Noon, [SupervisionNotice.Done], TestContext.Current.CancellationToken);

        // Assert
        replaced.Should().BeEmpty();
        (await a.Supervision.AnyAsync(TestContext.Current.CancellationToken)).Should().BeTrue();
        (await b.Supervision.AllAsync(TestContext.Current.CancellationToken)).Select(e => (e.Role, e.Supervisor, e.Since)).Should().Equal(("dev", "gestor", Noon), ("reviewer", "gestor", Noon));
        (await b.Supervision.FindAsync(Dev, TestContext.Current.CancellationToken))!.Notices.Should().Equal(SupervisionNotice.Done);
        (await b.Supervision.FindAsync(Gestor, TestContext.Current.CancellationToken)).Should().BeNull();
    }

    [Fact]
    public async Task A_new_supervisor_replaces_the_old_and_the_same_one_keeps_its_start_and_changes_what_it_is_told()
    {
        // Arrange
        var store = OpenStore();
        await store.Supervision.SetAsync(Gestor, [Dev, Reviewer], Noon, null, TestContext.Current.CancellationToken);

        // Act
        var replacedBySame = await store.Supervision.SetAsync(Gestor, [Dev], Noon.AddMinutes(1), [SupervisionNotice.Ended], TestContext.Current.CancellationToken);
        var replacedByLead = await OpenStore("b").Supervision.SetAsync(Lead, [Reviewer], Noon.AddMinutes(2), null, TestContext.Current.CancellationToken);

        // Assert
        replacedBySame.Should().BeEmpty();
        replacedByLead.Should().ContainSingle().Which.Supervisor.Should().Be("gestor");
        var dev = (await store.Supervision.FindAsync(Dev, TestContext.Current.CancellationToken))!;
        (dev.Supervisor, dev.Since).Should().Be(("gestor", Noon));
        dev.Notices.Should().Equal(SupervisionNotice.Ended);
        var reviewer = (await store.Supervision.FindAsync(Reviewer, TestContext.Current.CancellationToken))!;
        (reviewer.Supervisor, reviewer.Since).Should().Be(("lead", Noon.AddMinutes(2)));
    }

    [Fact]
    public async Task Stopping_ends_only_the_supervisions_of_the_supervisor_named()
    {
        // Arrange
        var store = OpenStore();
        await store.Supervision.SetAsync(Gestor, [Dev], Noon, null, TestContext.Current.CancellationToken);
        await store.Supervision.SetAsync(Lead, [Reviewer], Noon, null, TestContext.Current.CancellationToken);

        // Act
        var notLead = await store.Supervision.StopAsync([Dev], Lead, TestContext.Current.CancellationToken);
        var byGestor = await store.Supervision.StopAsync([Dev, Reviewer], Gestor, TestContext.Current.CancellationToken);
        var anyone = await OpenStore("b").Supervision.StopAsync([Reviewer, Dev], null, TestContext.Current.CancellationToken);

        // Assert
        notLead.Should().BeEmpty();
        byGestor.Select(e => e.Role).Should().Equal("dev");
        anyone.Select(e => e.Role).Should().Equal("reviewer");
        (await store.Supervision.AllAsync(TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_ended_session_is_claimed_once_and_a_later_session_of_the_role_again()
    {
        // Arrange
        var store = OpenStore();
        await store.Supervision.SetAsync(Gestor, [Dev], Noon, null, TestContext.Current.CancellationToken);
        await store.Supervision.SetAsync(Lead, [Reviewer], Noon, [SupervisionNotice.Done], TestContext.Current.CancellationToken);

        // Act
        var first = await store.Supervision.ClaimEndedAsync(Dev, Noon.AddMinutes(1), TestContext.Current.CancellationToken);
        var again = await OpenStore("b").Supervision.ClaimEndedAsync(Dev, Noon.AddMinutes(1), TestContext.Current.CancellationToken);
        var nextSession = await store.Supervision.ClaimEndedAsync(Dev, Noon.AddMinutes(9), TestContext.Current.CancellationToken);
        var notAsked = await store.Supervision.ClaimEndedAsync(Reviewer, Noon.AddMinutes(1), TestContext.Current.CancellationToken);
        var unsupervised = await store.Supervision.ClaimEndedAsync(RoleName.Parse("ghost"), Noon, TestContext.Current.CancellationToken);

        // Assert
        first!.Supervisor.Should().Be("gestor");
        again.Should().BeNull();
        nextSession.Should().NotBeNull();
        notAsked.Should().BeNull();
        unsupervised.Should().BeNull();
        (await store.Supervision.FindAsync(Dev, TestContext.Current.CancellationToken))!.EndedTold.Should().Be(Noon.AddMinutes(9));
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Eight_claims_of_one_ended_session_on_two_hosts_have_exactly_one_winner()
    {
        // Arrange
        var hosts = new[] { OpenStore("a"), OpenStore("b") };
        await hosts[0].Supervision.SetAsync(Gestor, [Dev], Noon, null, TestContext.Current.CancellationToken);

        for (var round = 1; round <= 3; round++)
        {
            var session = Noon.AddMinutes(round);

            // Act
            var claims = await StoreRaces.RunAsync(8, i => hosts[i % 2].Supervision.ClaimEndedAsync(Dev, session, TestContext.Current.CancellationToken));

            // Assert
            claims.Count(c => c is not null).Should().Be(1, $"the session ended once (round {round})");
        }
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Of_two_supervisors_taking_a_role_at_once_one_replaces_the_other()
    {
        // Arrange
        var hosts = new[] { OpenStore("a"), OpenStore("b") };
        var supervisors = new[] { Gestor, Lead };

        for (var round = 0; round < 3; round++)
        {
            var role = RoleName.Parse($"dev{round}");

            // Act
            var replaced = await StoreRaces.RunAsync(2, i => hosts[i].Supervision.SetAsync(supervisors[i], [role], Noon, null, TestContext.Current.CancellationToken));

            // Assert
            var winner = (await hosts[0].Supervision.FindAsync(role, TestContext.Current.CancellationToken))!.Supervisor;
            replaced.SelectMany(r => r).Should().ContainSingle("the second to write replaced the first").Which.Supervisor.Should().NotBe(winner);
        }
    }
}

public sealed class SupervisionStoreOnFiles() : SupervisionStoreContract(null);

public sealed class SupervisionStoreOnNats(NatsServer nats) : SupervisionStoreContract(nats), IClassFixture<NatsServer>;
