using System.Diagnostics;
using SessionBridge.Errors;
using SessionBridge.State;

namespace SessionBridge.Tests.Store;

/// <summary>
/// The store's server goes away and comes back: calls fail within 5 s naming it and saying what failed (not what it means for a send), and the
/// same store object works again once it answers, with no restart. These specs kill their own server.
/// </summary>
public sealed class NatsFailureSpecs(NatsServer server) : StoreContract(server), IClassFixture<NatsServer>
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T12:00:00Z");

    private static PeerRegistration Registration(string role) => new(role, "%1", "/tmp/tmux-0/default", 100, 200, "/work", Noon, Noon);

    [Fact(Timeout = Timeouts.Spec)]
    public async Task With_the_server_killed_a_call_fails_within_5_s_naming_it_and_works_again_when_it_is_back()
    {
        // Arrange: a store in use, then its server killed.
        var store = OpenStore();
        await store.Registry.SaveAsync(Registration("dev"), TestContext.Current.CancellationToken);
        await Server.KillAsync();

        try
        {
            // Act
            var clock = Stopwatch.StartNew();
            var touch = () => store.Registry.TouchAsync(RoleName.Parse("dev"), Noon.AddMinutes(1), TestContext.Current.CancellationToken);
            var failure = (await touch.Should().ThrowAsync<StateException>()).Which;
            var failedAfter = clock.Elapsed;

            // Assert
            TestContext.Current.TestOutputHelper?.WriteLine($"with the server killed, the call failed after {failedAfter.TotalMilliseconds:0} ms");
            failure.Message.Should().Contain($"nats://127.0.0.1:{Server.Port}").And.Contain("could not be reached").And.NotContain("typed", "the store says what failed, the use case what it means");
            failure.Origin.Kind.Should().Be(StateOriginKind.Nats);
        }
        finally
        {
            await Server.StartAsync();
        }

        var back = Stopwatch.StartNew();
        var found = await Eventually.ReadAsync(
            () => TryFind(store, "dev"),
            peer => peer is not null,
            "the same store to answer again"
        );
        TestContext.Current.TestOutputHelper?.WriteLine($"the same store answered again {back.ElapsedMilliseconds} ms after the server was back");
        found!.Role.Should().Be("dev");
        await store.Registry.TouchAsync(RoleName.Parse("dev"), Noon.AddMinutes(2), TestContext.Current.CancellationToken);
        (await store.Registry.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken))!.LastSeen.Should().Be(Noon.AddMinutes(2));
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_store_first_used_while_the_server_is_down_fails_fast_and_works_once_it_is_up()
    {
        // Arrange: a new process on another host, opening its store while the server is down (no bucket opened yet).
        await Server.KillAsync();
        var store = OpenStore("b");

        try
        {
            // Act
            var all = () => store.Registry.AllAsync(TestContext.Current.CancellationToken);
            var failure = (await all.Should().ThrowAsync<StateException>()).Which;

            // Assert
            failure.Message.Should().Contain($"nats://127.0.0.1:{Server.Port}").And.Contain("could not be reached").And.NotContain("typed", "the store says what failed, the use case what it means");
            failure.Origin.Kind.Should().Be(StateOriginKind.Nats);
        }
        finally
        {
            await Server.StartAsync();
        }

        await Eventually.WaitAsync(async () => (await TryAll(store)) is not null, "the same store to answer once the server is up");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task With_the_server_killed_the_hooks_questions_are_answered_from_the_local_hints_at_once()
    {
        // Arrange
        var store = OpenStore();
        await store.Supervision.SetAsync(RoleName.Parse("gestor"), [RoleName.Parse("dev")], Noon, null, TestContext.Current.CancellationToken);
        await Server.KillAsync();

        try
        {
            // Act
            var supervised = await store.Supervision.AnyAsync(TestContext.Current.CancellationToken);
            var requests = await store.Requests.AnyAsync(TestContext.Current.CancellationToken);

            // Assert: an answer at all proves it: a call to the store would have thrown, after 5 s.
            supervised.Should().BeTrue();
            requests.Should().BeFalse();
        }
        finally
        {
            await Server.StartAsync();
        }
    }

    private static async Task<PeerRegistration?> TryFind(StateStore store, string role)
    {
        try
        {
            return await store.Registry.FindAsync(RoleName.Parse(role), TestContext.Current.CancellationToken);
        }
        catch (StateException)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<PeerRegistration>?> TryAll(StateStore store)
    {
        try
        {
            return await store.Registry.AllAsync(TestContext.Current.CancellationToken);
        }
        catch (StateException)
        {
            return null;
        }
    }
}
