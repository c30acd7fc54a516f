using System.Diagnostics;
using SessionBridge.State;

namespace SessionBridge.Tests.Store;

/// <summary>
/// The store's server goes away and comes back: calls fail within 5 s naming it and saying nothing was typed, and the
/// same store object works again once it answers, with no restart. These specs kill their own server.
/// </summary>
public sealed class NatsFailureSpecs(NatsServer server) : StoreContract(server), IClassFixture<NatsServer>
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T12:00:00Z");

    private static PeerRegistration Registration(string role) => new(role, "%1", "/tmp/tmux-0/default", 100, 200, "/work", Noon, Noon);

    [Fact(Timeout = 60_000)]
    public async Task With_the_server_killed_a_call_fails_within_5_s_naming_it_and_works_again_when_it_is_back()
    {
        // Arrange: a store in use, then its server killed.
        var store = OpenStore();
        store.Registry.Save(Registration("dev"));
        await Server.KillAsync();

        try
        {
            // Act
            var clock = Stopwatch.StartNew();
            var touch = () => store.Registry.Touch(RoleName.Parse("dev"), Noon.AddMinutes(1));
            var failure = touch.Should().Throw<StateException>().Which;
            var failedAfter = clock.Elapsed;

            // Assert
            TestContext.Current.TestOutputHelper?.WriteLine($"with the server killed, the call failed after {failedAfter.TotalMilliseconds:0} ms");
            failure.Message.Should().Contain($"nats://127.0.0.1:{Server.Port}").And.Contain("Nothing was typed");
        }
        finally
        {
            await Server.StartAsync();
        }

        var back = Stopwatch.StartNew();
        var found = await Eventually.ReadAsync(
            () => Task.FromResult(TryFind(store, "dev")),
            peer => peer is not null,
            "the same store to answer again"
        );
        TestContext.Current.TestOutputHelper?.WriteLine($"the same store answered again {back.ElapsedMilliseconds} ms after the server was back");
        found!.Role.Should().Be("dev");
        store.Registry.Touch(RoleName.Parse("dev"), Noon.AddMinutes(2));
        store.Registry.Find(RoleName.Parse("dev"))!.LastSeen.Should().Be(Noon.AddMinutes(2));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_store_first_used_while_the_server_is_down_fails_fast_and_works_once_it_is_up()
    {
        // Arrange: a new process on another host, opening its store while the server is down (no bucket opened yet).
        await Server.KillAsync();
        var store = OpenStore("b");

        try
        {
            // Act
            var all = () => store.Registry.All();
            var failure = all.Should().Throw<StateException>().Which;

            // Assert
            failure.Message.Should().Contain($"nats://127.0.0.1:{Server.Port}").And.Contain("Nothing was typed");
        }
        finally
        {
            await Server.StartAsync();
        }

        await Eventually.WaitAsync(() => TryAll(store) is not null, "the same store to answer once the server is up");
    }

    [Fact(Timeout = 60_000)]
    public async Task With_the_server_killed_the_hooks_questions_are_answered_from_the_local_hints_at_once()
    {
        // Arrange
        var store = OpenStore();
        store.Supervision.Set(RoleName.Parse("gestor"), [RoleName.Parse("dev")], Noon);
        await Server.KillAsync();

        try
        {
            // Act
            var supervised = store.Supervision.Any();
            var requests = store.Requests.Any();

            // Assert: an answer at all proves it: a call to the store would have thrown, after 5 s.
            supervised.Should().BeTrue();
            requests.Should().BeFalse();
        }
        finally
        {
            await Server.StartAsync();
        }
    }

    private static PeerRegistration? TryFind(StateStore store, string role)
    {
        try
        {
            return store.Registry.Find(RoleName.Parse(role));
        }
        catch (StateException)
        {
            return null;
        }
    }

    private static IReadOnlyList<PeerRegistration>? TryAll(StateStore store)
    {
        try
        {
            return store.Registry.All();
        }
        catch (StateException)
        {
            return null;
        }
    }
}
