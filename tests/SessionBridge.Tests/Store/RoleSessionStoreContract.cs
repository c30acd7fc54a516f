using SessionBridge.State;

namespace SessionBridge.Tests.Store;

public abstract class RoleSessionStoreContract(NatsServer? nats) : StoreContract(nats)
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T12:00:00Z");

    [Fact]
    public void A_roles_session_saved_on_one_host_is_found_on_another_and_all_are_listed_by_role()
    {
        // Arrange
        var a = OpenStore("a");
        var b = OpenStore("b");
        var reviewer = new RoleSession("reviewer", "shop", "11111111-1111-1111-1111-111111111111", Noon);
        var dev = new RoleSession("dev", "shop", "22222222-2222-2222-2222-222222222222", Noon);

        // Act
        a.Sessions.Save(reviewer);
        a.Sessions.Save(dev);

        // Assert
        b.Sessions.Find(RoleName.Parse("dev")).Should().Be(dev);
        b.Sessions.Find(RoleName.Parse("gestor")).Should().BeNull();
        b.Sessions.All().Should().Equal(dev, reviewer);
    }

    [Fact]
    public void Saving_a_roles_session_again_replaces_it()
    {
        // Arrange
        var store = OpenStore();
        store.Sessions.Save(new RoleSession("dev", "shop", "11111111-1111-1111-1111-111111111111", Noon));
        var resumed = new RoleSession("dev", "lab", "33333333-3333-3333-3333-333333333333", Noon.AddHours(1));

        // Act
        OpenStore("b").Sessions.Save(resumed);

        // Assert
        store.Sessions.All().Should().Equal(resumed);
    }
}

public sealed class RoleSessionStoreOnFiles() : RoleSessionStoreContract(null);

public sealed class RoleSessionStoreOnNats(NatsServer nats) : RoleSessionStoreContract(nats), IClassFixture<NatsServer>;
