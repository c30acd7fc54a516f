using SessionBridge.State;
using SessionBridge.State.Nats;

namespace SessionBridge.Tests.Store;

/// <summary>A server in operator mode (JWT): a .creds file in SESSION_BRIDGE_NATS_CREDS lets the store in; a stranger's does not.</summary>
public sealed class NatsCredsFileSpecs(NatsServerWithCreds nats) : IClassFixture<NatsServerWithCreds>, IDisposable
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T12:00:00Z");
    private readonly TempDirectory _folder = new("nats-creds-file");
    private readonly string _team = "t" + Guid.NewGuid().ToString("N")[..12];

    private StateStore Open(string creds)
    {
        NatsServer.SkipUnlessAvailable();
        var variables = new Dictionary<string, string>
        {
            ["SESSION_BRIDGE_NATS"] = nats.Url,
            ["SESSION_BRIDGE_NATS_CREDS"] = creds,
            ["SESSION_BRIDGE_TEAM"] = _team,
            ["SESSION_BRIDGE_HOST"] = "a",
        };
        return StateStore.Open(new StateDirectory(_folder.Path), TimeSpan.FromSeconds(10), TimeProvider.System, name => variables.GetValueOrDefault(name), new NatsBackend());
    }

    [Fact]
    public async Task With_the_teams_creds_file_the_store_works()
    {
        // Arrange
        var store = Open(nats.CredsFile);
        var prompt = new SavedPrompt("dev", "You write the code.", Noon);

        // Act
        await store.Prompts.SaveAsync(prompt, TestContext.Current.CancellationToken);

        // Assert
        (await store.Prompts.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken)).Should().Be(prompt);
    }

    [Fact]
    public async Task With_a_creds_file_of_another_account_a_call_fails_at_once_saying_the_server_refused()
    {
        // Arrange
        var store = Open(nats.StrangerCredsFile);

        // Act
        var save = () => store.Prompts.SaveAsync(new SavedPrompt("dev", "brief", Noon), TestContext.Current.CancellationToken);

        // Assert
        var failure = (await save.Should().ThrowAsync<StateException>()).Which;
        failure.Message.Should().Contain("refused").And.Contain($"127.0.0.1:{nats.Port}").And.Contain("SESSION_BRIDGE_NATS_CREDS");
    }

    public void Dispose() => _folder.Dispose();
}
