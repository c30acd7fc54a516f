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
    public void With_the_teams_creds_file_the_store_works()
    {
        // Arrange
        var store = Open(nats.CredsFile);
        var prompt = new SavedPrompt("dev", "You write the code.", Noon);

        // Act
        store.Prompts.Save(prompt);

        // Assert
        store.Prompts.Find(RoleName.Parse("dev")).Should().Be(prompt);
    }

    [Fact]
    public void With_a_creds_file_of_another_account_a_call_fails_at_once_saying_the_server_refused()
    {
        // Arrange
        var store = Open(nats.StrangerCredsFile);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Act
        var save = () => store.Prompts.Save(new SavedPrompt("dev", "brief", Noon));

        // Assert
        var failure = save.Should().Throw<StateException>().Which;
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(4), "refused at once, not waited out (5 s)");
        failure.Message.Should().Contain("refused").And.Contain($"127.0.0.1:{nats.Port}").And.Contain("SESSION_BRIDGE_NATS_CREDS");
    }

    public void Dispose() => _folder.Dispose();
}
