using SessionBridge.State;
using SessionBridge.State.Nats;

namespace SessionBridge.Tests.Store;

/// <summary>A server that wants a user and password: given in SESSION_BRIDGE_NATS, the store works; not given, it says so.</summary>
public sealed class NatsCredentialSpecs(NatsServerWithPassword nats) : IClassFixture<NatsServerWithPassword>, IDisposable
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T12:00:00Z");
    private readonly TempDirectory _folder = new("nats-creds");
    private readonly string _team = "t" + Guid.NewGuid().ToString("N")[..12];

    private StateStore Open(string address)
    {
        NatsServer.SkipUnlessAvailable();
        var variables = new Dictionary<string, string>
        {
            ["SESSION_BRIDGE_NATS"] = address,
            ["SESSION_BRIDGE_TEAM"] = _team,
            ["SESSION_BRIDGE_HOST"] = "a",
        };
        return StateStore.Open(new StateDirectory(_folder.Path), TimeSpan.FromSeconds(10), TimeProvider.System, name => variables.GetValueOrDefault(name), new NatsBackend());
    }

    [Fact]
    public async Task With_the_user_and_password_in_the_address_the_store_works()
    {
        // Arrange
        var store = Open(nats.UrlWithCredentials);
        var prompt = new SavedPrompt("dev", "You write the code.", Noon);

        // Act
        await store.Prompts.SaveAsync(prompt, TestContext.Current.CancellationToken);

        // Assert
        (await store.Prompts.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken)).Should().Be(prompt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sb:wrong-password")]
    public async Task Without_the_right_password_a_call_fails_at_once_saying_the_server_refused_and_what_to_set(string? credentials)
    {
        // Arrange
        var address = credentials is null ? nats.Url : nats.Url.Replace("nats://", $"nats://{credentials}@", StringComparison.Ordinal);
        var store = Open(address);

        // Act
        var save = () => store.Prompts.SaveAsync(new SavedPrompt("dev", "brief", Noon), TestContext.Current.CancellationToken);

        // Assert
        var failure = (await save.Should().ThrowAsync<StateException>()).Which;
        failure.Message.Should().Contain("refused").And.Contain("Authorization Violation").And.Contain($"127.0.0.1:{nats.Port}");
        failure.Message.Should().Contain("SESSION_BRIDGE_NATS").And.Contain("SESSION_BRIDGE_NATS_CREDS");
        failure.Message.Should().NotContain("wrong-password").And.NotContain("s3cret-pw");
    }

    public void Dispose() => _folder.Dispose();
}
