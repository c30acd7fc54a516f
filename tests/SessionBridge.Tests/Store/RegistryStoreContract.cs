using SessionBridge.State;

namespace SessionBridge.Tests.Store;

public abstract class RegistryStoreContract(NatsServer? nats) : StoreContract(nats)
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T12:00:00Z");

    private static PeerRegistration Registration(string role, string pane = "%1", DateTimeOffset? at = null, int panePid = 200) =>
        new(role, pane, "/tmp/tmux-0/default", 100, panePid, "/work", at ?? Noon, at ?? Noon);

    [Fact]
    public async Task A_registration_is_read_back_by_another_host_and_all_are_listed_by_role()
    {
        // Arrange
        var a = OpenStore("a");
        var b = OpenStore("b");
        var dev = Registration("dev", "%2");
        var gestor = Registration("gestor", "%1");

        // Act
        await a.Registry.SaveAsync(gestor, TestContext.Current.CancellationToken);
        await b.Registry.SaveAsync(dev, TestContext.Current.CancellationToken);

        // Assert
        (await b.Registry.FindAsync(RoleName.Parse("gestor"), TestContext.Current.CancellationToken)).Should().Be(gestor);
        (await a.Registry.AllAsync(TestContext.Current.CancellationToken)).Should().Equal(dev, gestor);
        (await a.Registry.FindAsync(RoleName.Parse("reviewer"), TestContext.Current.CancellationToken)).Should().BeNull();
    }

    [Fact]
    public async Task Registering_a_role_again_moves_it()
    {
        // Arrange
        var store = OpenStore();
        await store.Registry.SaveAsync(Registration("dev", "%1"), TestContext.Current.CancellationToken);
        var moved = Registration("dev", "%7", Noon.AddMinutes(5));

        // Act
        await OpenStore("b").Registry.SaveAsync(moved, TestContext.Current.CancellationToken);

        // Assert
        (await store.Registry.AllAsync(TestContext.Current.CancellationToken)).Should().Equal(moved);
    }

    [Fact]
    public async Task Touching_and_stopping_change_a_registered_role_and_leave_an_unknown_one_unregistered()
    {
        // Arrange
        var store = OpenStore();
        await store.Registry.SaveAsync(Registration("dev"), TestContext.Current.CancellationToken);

        // Act
        await store.Registry.TouchAsync(RoleName.Parse("dev"), Noon.AddMinutes(1), TestContext.Current.CancellationToken);
        await store.Registry.MarkStoppedAsync(RoleName.Parse("dev"), Noon.AddMinutes(2), TestContext.Current.CancellationToken);
        await store.Registry.TouchAsync(RoleName.Parse("ghost"), Noon, TestContext.Current.CancellationToken);
        await store.Registry.MarkStoppedAsync(RoleName.Parse("ghost"), Noon, TestContext.Current.CancellationToken);

        // Assert
        (await store.Registry.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken)).Should().Be(Registration("dev") with { LastSeen = Noon.AddMinutes(1), StoppedAt = Noon.AddMinutes(2) });
        (await store.Registry.FindAsync(RoleName.Parse("ghost"), TestContext.Current.CancellationToken)).Should().BeNull();
        (await store.Registry.AllAsync(TestContext.Current.CancellationToken)).Select(p => p.Role).Should().Equal("dev");
    }

    [Fact]
    public async Task Finding_by_pane_takes_the_newest_registration_of_that_pane_on_that_server()
    {
        // Arrange
        var store = OpenStore();
        await store.Registry.SaveAsync(Registration("old", "%3", Noon), TestContext.Current.CancellationToken);
        await store.Registry.SaveAsync(Registration("new", "%3", Noon.AddMinutes(1)), TestContext.Current.CancellationToken);
        await store.Registry.SaveAsync(Registration("other", "%4", Noon.AddMinutes(2)), TestContext.Current.CancellationToken);
        await store.Registry.SaveAsync(Registration("elsewhere", "%3", Noon.AddMinutes(3)) with { Socket = "/tmp/other/sock" }, TestContext.Current.CancellationToken);

        // Act
        var found = await store.Registry.FindByPaneAsync("%3", "/tmp/tmux-0/default", null, TestContext.Current.CancellationToken);
        var anySocket = await store.Registry.FindByPaneAsync("%3", null, null, TestContext.Current.CancellationToken);
        var none = await store.Registry.FindByPaneAsync("%9", "/tmp/tmux-0/default", null, TestContext.Current.CancellationToken);

        // Assert
        found!.Role.Should().Be("new");
        anySocket!.Role.Should().Be("elsewhere");
        none.Should().BeNull();
    }

    [Fact]
    public async Task Finding_by_pane_passes_over_a_registration_made_for_another_process_with_the_same_pane_id()
    {
        // Arrange
        var store = OpenStore();
        await store.Registry.SaveAsync(Registration("stale", "%3", Noon.AddMinutes(1), panePid: 111), TestContext.Current.CancellationToken);
        await store.Registry.SaveAsync(Registration("live", "%3", Noon, panePid: 222), TestContext.Current.CancellationToken);

        // Act
        var found = await store.Registry.FindByPaneAsync("%3", "/tmp/tmux-0/default", new PaneIdentity("/tmp/tmux-0/default", 100, "%3", 222), TestContext.Current.CancellationToken);
        var gone = await store.Registry.FindByPaneAsync("%3", "/tmp/tmux-0/default", new PaneIdentity("/tmp/tmux-0/default", 999, "%3", 222), TestContext.Current.CancellationToken);

        // Assert
        found!.Role.Should().Be("live");
        gone.Should().BeNull();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Eight_roles_registering_at_once_on_two_hosts_are_all_registered()
    {
        // Arrange
        var hosts = new[] { OpenStore("a"), OpenStore("b") };

        // Act
        await StoreRaces.RunAsync(8, async i => { await hosts[i % 2].Registry.SaveAsync(Registration($"role{i}", $"%{i}"), TestContext.Current.CancellationToken); return i; });

        // Assert
        (await hosts[0].Registry.AllAsync(TestContext.Current.CancellationToken)).Select(p => p.Role).Should().Equal(Enumerable.Range(0, 8).Select(i => $"role{i}"));
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_stop_racing_touches_from_two_hosts_is_never_lost()
    {
        // Arrange: a stop in the middle of a burst of touches that each read the registration and write it back.
        var hosts = new[] { OpenStore("a"), OpenStore("b") };
        var dev = RoleName.Parse("dev");
        await hosts[0].Registry.SaveAsync(Registration("dev"), TestContext.Current.CancellationToken);
        var touches = 0;

        // Act
        await StoreRaces.RunAsync(
            6,
            async i =>
            {
                var store = hosts[i % 2].Registry;
                if (i == 0)
                {
                    SpinWait.SpinUntil(() => Volatile.Read(ref touches) >= 10, TimeSpan.FromSeconds(5));
                    await store.MarkStoppedAsync(dev, Noon.AddHours(1), TestContext.Current.CancellationToken);
                    return i;
                }

                for (var n = 1; n <= 10; n++)
                {
                    await store.TouchAsync(dev, Noon.AddSeconds(n), TestContext.Current.CancellationToken);
                    Interlocked.Increment(ref touches);
                }

                return i;
            }
        );

        // Assert
        var after = (await hosts[1].Registry.FindAsync(dev, TestContext.Current.CancellationToken))!;
        after.StoppedAt.Should().Be(Noon.AddHours(1), "a touch that read the registration before the stop must not write it back without it");
        after.LastSeen.Should().BeAfter(Noon);
    }
}

public sealed class RegistryStoreOnFiles() : RegistryStoreContract(null);

public sealed class RegistryStoreOnNats(NatsServer nats) : RegistryStoreContract(nats), IClassFixture<NatsServer>;
