using SessionBridge.State;

namespace SessionBridge.Tests.Store;

public abstract class RegistryStoreContract(NatsServer? nats) : StoreContract(nats)
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T12:00:00Z");

    private static PeerRegistration Registration(string role, string pane = "%1", DateTimeOffset? at = null, int panePid = 200) =>
        new(role, pane, "/tmp/tmux-0/default", 100, panePid, "/work", at ?? Noon, at ?? Noon);

    [Fact]
    public void A_registration_is_read_back_by_another_host_and_all_are_listed_by_role()
    {
        // Arrange
        var a = OpenStore("a");
        var b = OpenStore("b");
        var dev = Registration("dev", "%2");
        var gestor = Registration("gestor", "%1");

        // Act
        a.Registry.Save(gestor);
        b.Registry.Save(dev);

        // Assert
        b.Registry.Find(RoleName.Parse("gestor")).Should().Be(gestor);
        a.Registry.All().Should().Equal(dev, gestor);
        a.Registry.Find(RoleName.Parse("reviewer")).Should().BeNull();
    }

    [Fact]
    public void Registering_a_role_again_moves_it()
    {
        // Arrange
        var store = OpenStore();
        store.Registry.Save(Registration("dev", "%1"));
        var moved = Registration("dev", "%7", Noon.AddMinutes(5));

        // Act
        OpenStore("b").Registry.Save(moved);

        // Assert
        store.Registry.All().Should().Equal(moved);
    }

    [Fact]
    public void Touching_and_stopping_change_a_registered_role_and_leave_an_unknown_one_unregistered()
    {
        // Arrange
        var store = OpenStore();
        store.Registry.Save(Registration("dev"));

        // Act
        store.Registry.Touch(RoleName.Parse("dev"), Noon.AddMinutes(1));
        store.Registry.MarkStopped(RoleName.Parse("dev"), Noon.AddMinutes(2));
        store.Registry.Touch(RoleName.Parse("ghost"), Noon);
        store.Registry.MarkStopped(RoleName.Parse("ghost"), Noon);

        // Assert
        store.Registry.Find(RoleName.Parse("dev")).Should().Be(Registration("dev") with { LastSeen = Noon.AddMinutes(1), StoppedAt = Noon.AddMinutes(2) });
        store.Registry.Find(RoleName.Parse("ghost")).Should().BeNull();
        store.Registry.All().Select(p => p.Role).Should().Equal("dev");
    }

    [Fact]
    public void Finding_by_pane_takes_the_newest_registration_of_that_pane_on_that_server()
    {
        // Arrange
        var store = OpenStore();
        store.Registry.Save(Registration("old", "%3", Noon));
        store.Registry.Save(Registration("new", "%3", Noon.AddMinutes(1)));
        store.Registry.Save(Registration("other", "%4", Noon.AddMinutes(2)));
        store.Registry.Save(Registration("elsewhere", "%3", Noon.AddMinutes(3)) with { Socket = "/tmp/other/sock" });

        // Act
        var found = store.Registry.FindByPane("%3", "/tmp/tmux-0/default");
        var anySocket = store.Registry.FindByPane("%3", null);
        var none = store.Registry.FindByPane("%9", "/tmp/tmux-0/default");

        // Assert
        found!.Role.Should().Be("new");
        anySocket!.Role.Should().Be("elsewhere");
        none.Should().BeNull();
    }

    [Fact]
    public void Finding_by_pane_passes_over_a_registration_made_for_another_process_with_the_same_pane_id()
    {
        // Arrange
        var store = OpenStore();
        store.Registry.Save(Registration("stale", "%3", Noon.AddMinutes(1), panePid: 111));
        store.Registry.Save(Registration("live", "%3", Noon, panePid: 222));

        // Act
        var found = store.Registry.FindByPane("%3", "/tmp/tmux-0/default", new PaneIdentity("/tmp/tmux-0/default", 100, "%3", 222));
        var gone = store.Registry.FindByPane("%3", "/tmp/tmux-0/default", new PaneIdentity("/tmp/tmux-0/default", 999, "%3", 222));

        // Assert
        found!.Role.Should().Be("live");
        gone.Should().BeNull();
    }

    [Fact(Timeout = 30_000)]
    public async Task Eight_roles_registering_at_once_on_two_hosts_are_all_registered()
    {
        // Arrange
        var hosts = new[] { OpenStore("a"), OpenStore("b") };

        // Act
        await StoreRaces.RunAsync(8, i => { hosts[i % 2].Registry.Save(Registration($"role{i}", $"%{i}")); return i; });

        // Assert
        hosts[0].Registry.All().Select(p => p.Role).Should().Equal(Enumerable.Range(0, 8).Select(i => $"role{i}"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_stop_racing_touches_from_two_hosts_is_never_lost()
    {
        // Arrange: a stop in the middle of a burst of touches that each read the registration and write it back.
        var hosts = new[] { OpenStore("a"), OpenStore("b") };
        var dev = RoleName.Parse("dev");
        hosts[0].Registry.Save(Registration("dev"));
        var touches = 0;

        // Act
        await StoreRaces.RunAsync(
            6,
            i =>
            {
                var store = hosts[i % 2].Registry;
                if (i == 0)
                {
                    SpinWait.SpinUntil(() => Volatile.Read(ref touches) >= 10, TimeSpan.FromSeconds(5));
                    store.MarkStopped(dev, Noon.AddHours(1));
                    return i;
                }

                for (var n = 1; n <= 10; n++)
                {
                    store.Touch(dev, Noon.AddSeconds(n));
                    Interlocked.Increment(ref touches);
                }

                return i;
            }
        );

        // Assert
        var after = hosts[1].Registry.Find(dev)!;
        after.StoppedAt.Should().Be(Noon.AddHours(1), "a touch that read the registration before the stop must not write it back without it");
        after.LastSeen.Should().BeAfter(Noon);
    }
}

public sealed class RegistryStoreOnFiles() : RegistryStoreContract(null);

public sealed class RegistryStoreOnNats(NatsServer nats) : RegistryStoreContract(nats), IClassFixture<NatsServer>;
