using SessionBridge.State;
using SessionBridge.State.Nats;

namespace SessionBridge.Tests.Store;

/// <summary>A server that speaks only TLS: with its CA in SESSION_BRIDGE_NATS_CA the store works; without, it says why.</summary>
public sealed class NatsTlsSpecs(NatsServerWithTls nats) : IClassFixture<NatsServerWithTls>, IDisposable
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T12:00:00Z");
    private readonly TempDirectory _folder = new("nats-tls");
    private readonly string _team = "t" + Guid.NewGuid().ToString("N")[..12];

    private StateStore Open(string address, string? ca)
    {
        NatsServer.SkipUnlessAvailable();
        var variables = new Dictionary<string, string>
        {
            ["SESSION_BRIDGE_NATS"] = address,
            ["SESSION_BRIDGE_TEAM"] = _team,
            ["SESSION_BRIDGE_HOST"] = "a",
        };
        if (ca is not null)
            variables["SESSION_BRIDGE_NATS_CA"] = ca;
        return StateStore.Open(new StateDirectory(_folder.Path), TimeSpan.FromSeconds(10), TimeProvider.System, name => variables.GetValueOrDefault(name), new NatsBackend());
    }

    [Fact]
    public async Task With_the_servers_CA_the_store_works_over_TLS()
    {
        // Arrange
        var store = Open(nats.TlsUrl, nats.CaFile);
        var prompt = new SavedPrompt("dev", "You write the code.", Noon);

        // Act
        await store.Prompts.SaveAsync(prompt, TestContext.Current.CancellationToken);

        // Assert
        (await store.Prompts.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken)).Should().Be(prompt);
    }

    [Fact]
    public async Task Without_the_servers_CA_a_call_fails_at_once_saying_to_set_SESSION_BRIDGE_NATS_CA()
    {
        // Arrange
        var store = Open(nats.TlsUrl, null);

        // Act
        var save = () => store.Prompts.SaveAsync(new SavedPrompt("dev", "brief", Noon), TestContext.Current.CancellationToken);

        // Assert
        var failure = (await save.Should().ThrowAsync<StateException>()).Which;
        failure.Message.Should().Contain($"127.0.0.1:{nats.Port}").And.Contain("TLS").And.Contain("SESSION_BRIDGE_NATS_CA");
    }

    public void Dispose() => _folder.Dispose();
}
