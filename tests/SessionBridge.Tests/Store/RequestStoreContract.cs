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
    public void There_is_no_request_in_a_new_team()
    {
        // Arrange
        var store = OpenStore();

        // Act
        var any = store.Requests.Any();
        var all = store.Requests.All();

        // Assert
        any.Should().BeFalse();
        all.Should().BeEmpty();
    }

    [Fact]
    public void A_request_made_on_one_host_is_found_on_another_and_all_come_oldest_first()
    {
        // Arrange
        var a = OpenStore("a");
        var b = OpenStore("b");
        var later = Request("bbb222", Noon.AddMinutes(1));
        var earlier = Request("ccc333", Noon);

        // Act
        a.Requests.Create(later, Noon);
        a.Requests.Create(earlier, Noon);

        // Assert
        a.Requests.Any().Should().BeTrue();
        b.Requests.Find("bbb222").Should().BeEquivalentTo(later);
        b.Requests.All().Select(r => r.Id).Should().Equal("ccc333", "bbb222");
    }

    [Theory]
    [InlineData("")]
    [InlineData("../registry")]
    [InlineData("a.b")]
    [InlineData("abc def")]
    public void An_id_that_is_not_one_of_ours_finds_and_changes_nothing(string id)
    {
        // Arrange
        var store = OpenStore();
        store.Requests.Create(Request("abc123"), Noon);

        // Act
        var found = store.Requests.Find(id);
        var updated = store.Requests.Update(id, r => Ended(r, Noon));

        // Assert
        found.Should().BeNull();
        updated.Should().BeNull();
    }

    [Fact]
    public void Updating_returns_what_is_stored_afterwards()
    {
        // Arrange
        var store = OpenStore();
        var request = Request("abc123");
        store.Requests.Create(request, Noon);

        // Act
        var missing = store.Requests.Update("fff999", r => Ended(r, Noon));
        var left = store.Requests.Update("abc123", _ => null);
        var decided = store.Requests.Update("abc123", r => Ended(r, Noon.AddMinutes(1)));

        // Assert
        missing.Should().BeNull();
        left.Should().BeEquivalentTo(request);
        decided.Should().BeEquivalentTo(Ended(request, Noon.AddMinutes(1)));
        OpenStore("b").Requests.Find("abc123").Should().BeEquivalentTo(decided);
    }

    [Fact]
    public void Making_a_request_forgets_those_ended_more_than_a_day_ago()
    {
        // Arrange
        var store = OpenStore();
        store.Requests.Create(Ended(Request("old1", Noon.AddDays(-2)), Noon.AddDays(-2)), Noon.AddDays(-2));
        store.Requests.Create(Ended(Request("recent1", Noon.AddHours(-3)), Noon.AddHours(-2)), Noon.AddHours(-2));
        store.Requests.Create(Request("pending1", Noon.AddDays(-3)), Noon.AddDays(-3));

        // Act
        store.Requests.Create(Request("new1", Noon), Noon);

        // Assert
        store.Requests.All().Select(r => r.Id).Should().Equal("pending1", "recent1", "new1");
        store.Requests.Find("old1").Should().BeNull();
    }

    [Fact(Timeout = 30_000)]
    public async Task Eight_deciders_on_two_hosts_racing_on_one_request_have_exactly_one_winner()
    {
        // Arrange
        var hosts = new[] { OpenStore("a"), OpenStore("b") };

        for (var round = 0; round < 3; round++)
        {
            var id = $"race{round}";
            hosts[0].Requests.Create(Request(id), Noon);

            // Act: the pattern of PermissionRequests.End, whose change may run more than once.
            var won = await StoreRaces.RunAsync(
                8,
                i =>
                {
                    var mine = false;
                    hosts[i % 2].Requests.Update(
                        id,
                        current =>
                        {
                            mine = current.IsPending;
                            return mine ? Ended(current, Noon, $"decider{i}") : null;
                        }
                    );
                    return mine;
                }
            );

            // Assert
            won.Count(w => w).Should().Be(1, $"a request leaves pending once (round {round})");
            hosts[1].Requests.Find(id)!.EndedBy.Should().Be($"decider{Array.IndexOf(won, true)}");
        }
    }
}

public sealed class RequestStoreOnFiles() : RequestStoreContract(null);

public sealed class RequestStoreOnNats(NatsServer nats) : RequestStoreContract(nats), IClassFixture<NatsServer>;
