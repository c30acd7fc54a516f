using SessionBridge.State;

namespace SessionBridge.Tests.Store;

public abstract class RequestStoreContract(NatsServer? nats) : StoreContract(nats)
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T12:00:00Z");

    private static PermissionRequestRecord Request(string id, DateTimeOffset? at = null) =>
        new(id, "dev", "gestor", "%2", "/tmp/tmux-0/default", "session-1", "Bash", null, null, at ?? Noon, (at ?? Noon).AddMinutes(10));

    private static PermissionRequestRecord Ended(PermissionRequestRecord request, DateTimeOffset at, string by = "gestor") =>
        request with { Status = RequestStatus.Decided, EndedAt = at, EndedBy = by, Decision = new RequestDecision(true, "Yes") };

    [Fact]
    public async Task There_is_no_request_in_a_new_team()
    {
        // Arrange
        var store = OpenStore();

        // Act
        var any = await store.Requests.AnyAsync(TestContext.Current.CancellationToken);
        var all = await store.Requests.AllAsync(TestContext.Current.CancellationToken);

        // Assert
        any.Should().BeFalse();
        all.Should().BeEmpty();
    }

    [Fact]
    public async Task A_request_made_on_one_host_is_found_on_another_and_all_come_oldest_first()
    {
        // Arrange
        var a = OpenStore("a");
        var b = OpenStore("b");
        var later = Request("bbb222", Noon.AddMinutes(1));
        var earlier = Request("ccc333", Noon);

        // Act
        await a.Requests.CreateAsync(later, Noon, TestContext.Current.CancellationToken);
        await a.Requests.CreateAsync(earlier, Noon, TestContext.Current.CancellationToken);

        // Assert
        (await a.Requests.AnyAsync(TestContext.Current.CancellationToken)).Should().BeTrue();
        (await b.Requests.FindAsync("bbb222", TestContext.Current.CancellationToken)).Should().BeEquivalentTo(later);
        (await b.Requests.AllAsync(TestContext.Current.CancellationToken)).Select(r => r.Id).Should().Equal("ccc333", "bbb222");
    }

    [Theory]
    [InlineData("")]
    [InlineData("../registry")]
    [InlineData("a.b")]
    [InlineData("abc def")]
    public async Task An_id_that_is_not_one_of_ours_finds_and_changes_nothing(string id)
    {
        // Arrange
        var store = OpenStore();
        await store.Requests.CreateAsync(Request("abc123"), Noon, TestContext.Current.CancellationToken);

        // Act
        var found = await store.Requests.FindAsync(id, TestContext.Current.CancellationToken);
        var updated = await store.Requests.UpdateAsync(id, r => Ended(r, Noon), TestContext.Current.CancellationToken);

        // Assert
        found.Should().BeNull();
        updated.Should().BeNull();
    }

    [Fact]
    public async Task Updating_returns_what_is_stored_afterwards()
    {
        // Arrange
        var store = OpenStore();
        var request = Request("abc123");
        await store.Requests.CreateAsync(request, Noon, TestContext.Current.CancellationToken);

        // Act
        var missing = await store.Requests.UpdateAsync("fff999", r => Ended(r, Noon), TestContext.Current.CancellationToken);
        var left = await store.Requests.UpdateAsync("abc123", _ => null, TestContext.Current.CancellationToken);
        var decided = await store.Requests.UpdateAsync("abc123", r => Ended(r, Noon.AddMinutes(1)), TestContext.Current.CancellationToken);

        // Assert
        missing.Should().BeNull();
        left.Should().BeEquivalentTo(request);
        decided.Should().BeEquivalentTo(Ended(request, Noon.AddMinutes(1)));
        (await OpenStore("b").Requests.FindAsync("abc123", TestContext.Current.CancellationToken)).Should().BeEquivalentTo(decided);
    }

    [Fact]
    public async Task Making_a_request_forgets_those_ended_more_than_a_day_ago()
    {
        // Arrange
        var store = OpenStore();
        await store.Requests.CreateAsync(Ended(Request("old1", Noon.AddDays(-2)), Noon.AddDays(-2)), Noon.AddDays(-2), TestContext.Current.CancellationToken);
        await store.Requests.CreateAsync(Ended(Request("recent1", Noon.AddHours(-3)), Noon.AddHours(-2)), Noon.AddHours(-2), TestContext.Current.CancellationToken);
        await store.Requests.CreateAsync(Request("pending1", Noon.AddDays(-3)), Noon.AddDays(-3), TestContext.Current.CancellationToken);

        // Act
        await store.Requests.CreateAsync(Request("new1", Noon), Noon, TestContext.Current.CancellationToken);

        // Assert
        (await store.Requests.AllAsync(TestContext.Current.CancellationToken)).Select(r => r.Id).Should().Equal("pending1", "recent1", "new1");
        (await store.Requests.FindAsync("old1", TestContext.Current.CancellationToken)).Should().BeNull();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Eight_deciders_on_two_hosts_racing_on_one_request_have_exactly_one_winner()
    {
        // Arrange
        var hosts = new[] { OpenStore("a"), OpenStore("b") };

        for (var round = 0; round < 3; round++)
        {
            var id = $"race{round}";
            await hosts[0].Requests.CreateAsync(Request(id), Noon, TestContext.Current.CancellationToken);

            // Act: the pattern of PermissionRequests.End, whose change may run more than once.
            var won = await StoreRaces.RunAsync(
                8,
                async i =>
                {
                    var mine = false;
                    await hosts[i % 2].Requests.UpdateAsync(id, current =>
                        {
                            mine = current.IsPending;
                            return mine ? Ended(current, Noon, $"decider{i}") : null;
                        }, TestContext.Current.CancellationToken);
                    return mine;
                }
            );

            // Assert
            won.Count(w => w).Should().Be(1, $"a request leaves pending once (round {round})");
            (await hosts[1].Requests.FindAsync(id, TestContext.Current.CancellationToken))!.EndedBy.Should().Be($"decider{Array.IndexOf(won, true)}");
        }
    }
}

public sealed class RequestStoreOnFiles() : RequestStoreContract(null);

public sealed class RequestStoreOnNats(NatsServer nats) : RequestStoreContract(nats), IClassFixture<NatsServer>;
