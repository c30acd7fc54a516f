using SessionBridge.State;

namespace SessionBridge.Tests.Store;

public abstract class RoleSessionStoreContract(NatsServer? nats) : StoreContract(nats)
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T12:00:00Z");

    [Fact]
    public async Task A_roles_session_saved_on_one_host_is_found_on_another_and_all_are_listed_by_role()
    {
        // Arrange
        var a = OpenStore("a");
        var b = OpenStore("b");
        var reviewer = new RoleSession("reviewer", "shop", "11111111-1111-1111-1111-111111111111", Noon);
        var dev = new RoleSession("dev", "shop", "22222222-2222-2222-2222-222222222222", Noon);

        // Act
        await a.Sessions.SaveAsync(reviewer, TestContext.Current.CancellationToken);
        await a.Sessions.SaveAsync(dev, TestContext.Current.CancellationToken);

        // Assert
        (await b.Sessions.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken)).Should().Be(dev);
        (await b.Sessions.FindAsync(RoleName.Parse("gestor"), TestContext.Current.CancellationToken)).Should().BeNull();
        (await b.Sessions.AllAsync(TestContext.Current.CancellationToken)).Should().Equal(dev, reviewer);
    }

    [Fact]
    public async Task Saving_a_roles_session_again_replaces_it()
    {
        // Arrange
        var store = OpenStore();
        await store.Sessions.SaveAsync(new RoleSession("dev", "shop", "11111111-1111-1111-1111-111111111111", Noon), TestContext.Current.CancellationToken);
        var resumed = new RoleSession("dev", "lab", "33333333-3333-3333-3333-333333333333", Noon.AddHours(1));

        // Act
        await OpenStore("b").Sessions.SaveAsync(resumed, TestContext.Current.CancellationToken);

        // Assert
        (await store.Sessions.AllAsync(TestContext.Current.CancellationToken)).Should().Equal(resumed);
    }
}

public sealed class RoleSessionStoreOnFiles() : RoleSessionStoreContract(null);

public sealed class RoleSessionStoreOnNats(NatsServer nats) : RoleSessionStoreContract(nats), IClassFixture<NatsServer>;
