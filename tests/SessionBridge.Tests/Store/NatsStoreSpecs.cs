using SessionBridge.State;
using SessionBridge.State.Nats;

namespace SessionBridge.Tests.Store;

/// <summary>
/// What only the NATS store does. The hook's every-event questions (is anyone supervised, is any request kept) are
/// answered by hint files in the local state directory, so that it stays off the network; the store keeps them true
/// whenever an entry exists. A value the server could not carry, or a key it could not name, is refused before the network.
/// </summary>
public sealed class NatsStoreSpecs(NatsServer nats) : StoreContract(nats), IClassFixture<NatsServer>
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T12:00:00Z");

    [Fact]
    public async Task Supervising_sets_the_hint_and_stopping_the_last_supervision_clears_it()
    {
        // Arrange
        var store = OpenStore();
        var hint = NatsHints.PathOf(store.Directory, NatsHints.Supervision);

        // Act
        await store.Supervision.SetAsync(RoleName.Parse("gestor"), [RoleName.Parse("dev"), RoleName.Parse("qa")], Noon, null, TestContext.Current.CancellationToken);
        var whileSupervised = File.Exists(hint);
        await store.Supervision.StopAsync([RoleName.Parse("dev")], null, TestContext.Current.CancellationToken);
        var whileOneLeft = File.Exists(hint);
        await store.Supervision.StopAsync([RoleName.Parse("qa")], null, TestContext.Current.CancellationToken);

        // Assert
        whileSupervised.Should().BeTrue();
        whileOneLeft.Should().BeTrue();
        File.Exists(hint).Should().BeFalse();
        (await store.Supervision.AnyAsync(TestContext.Current.CancellationToken)).Should().BeFalse();
    }

    [Fact]
    public async Task A_full_read_that_finds_no_request_clears_the_hint_and_one_that_finds_some_keeps_it()
    {
        // Arrange: this host's hint left over, then another host's request.
        var a = OpenStore("a");
        NatsHints.Set(a.Directory, NatsHints.Requests);

        // Act
        var beforeAny = await a.Requests.AnyAsync(TestContext.Current.CancellationToken);
        var noneFound = await a.Requests.AllAsync(TestContext.Current.CancellationToken);
        var afterNone = await a.Requests.AnyAsync(TestContext.Current.CancellationToken);
        await OpenStore("b").Requests.CreateAsync(new PermissionRequestRecord("abc123", "dev", "gestor", "%2", null, null, "Bash", null, null, Noon, Noon.AddMinutes(5)), Noon, TestContext.Current.CancellationToken);
        NatsHints.Set(a.Directory, NatsHints.Requests);
        var someFound = await a.Requests.AllAsync(TestContext.Current.CancellationToken);

        // Assert
        beforeAny.Should().BeTrue();
        noneFound.Should().BeEmpty();
        afterNone.Should().BeFalse();
        someFound.Should().ContainSingle();
        (await a.Requests.AnyAsync(TestContext.Current.CancellationToken)).Should().BeTrue();
    }

    [Fact]
    public async Task A_hint_is_a_private_file_in_the_state_directory()
    {
        // Arrange
        var store = OpenStore();

        // Act
        await store.Requests.CreateAsync(new PermissionRequestRecord("abc123", "dev", "gestor", "%2", null, null, "Bash", null, null, Noon, Noon), Noon, TestContext.Current.CancellationToken);

        // Assert
        var hint = NatsHints.PathOf(store.Directory, NatsHints.Requests);
        hint.Should().Be(Path.Combine(store.Directory.Root, "nats-hints", "requests"));
        File.GetUnixFileMode(hint).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.GetDirectoryName(hint)!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task A_value_larger_than_the_server_takes_is_refused_saying_what_to_do()
    {
        // Arrange
        var store = OpenStore();
        var huge = new SavedPrompt("dev", new string('x', 2_000_000), Noon);

        // Act
        var save = () => store.Prompts.SaveAsync(huge, TestContext.Current.CancellationToken);

        // Assert
        (await save.Should().ThrowAsync<StateException>()).Which.Message.Should().Contain("\"dev\"").And.Contain("max_payload").And.Contain("shorter");
        (await store.Prompts.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken)).Should().BeNull();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_value_that_is_not_JSON_is_named_in_the_registry_and_passed_over_among_requests()
    {
        // Arrange: garbage written straight into the team's buckets, as another tool might.
        var store = OpenStore();
        await using var team = new NatsTeam(NatsSettings.FromEnvironment(Environment())!);
        var garbage = "not json"u8.ToArray();
        await (await team.BucketAsync(NatsRegistry.BucketName, TestContext.Current.CancellationToken)).PutAsync("dev", garbage, NATS.Client.Core.NatsRawSerializer<byte[]>.Default, TestContext.Current.CancellationToken);
        await store.Requests.CreateAsync(new PermissionRequestRecord("good1", "dev", "gestor", "%2", null, null, "Bash", null, null, Noon, Noon), Noon, TestContext.Current.CancellationToken);
        await (await team.BucketAsync(NatsRequestStore.BucketName, TestContext.Current.CancellationToken)).PutAsync("bad1", garbage, NATS.Client.Core.NatsRawSerializer<byte[]>.Default, TestContext.Current.CancellationToken);

        // Act
        var find = () => store.Registry.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken);
        var requests = await store.Requests.AllAsync(TestContext.Current.CancellationToken);

        // Assert
        (await find.Should().ThrowAsync<StateException>()).Which.Message.Should().Contain("\"dev\"").And.Contain("not valid JSON").And.Contain($"nats kv del {team.Name(NatsRegistry.BucketName)} dev");
        requests.Select(r => r.Id).Should().Equal("good1");
        (await store.Requests.FindAsync("bad1", TestContext.Current.CancellationToken)).Should().BeNull();
    }

    [Fact]
    public async Task A_name_that_cannot_be_a_key_is_refused_saying_so()
    {
        // Arrange: role names are checked where they come in; this one never was.
        var store = OpenStore();
        var unvalidated = new PeerRegistration("Dev Box.", "%1", null, null, null, null, Noon, Noon);

        // Act
        var save = () => store.Registry.SaveAsync(unvalidated, TestContext.Current.CancellationToken);

        // Assert
        (await save.Should().ThrowAsync<StateException>()).Which.Message.Should().Contain("\"Dev Box.\"").And.Contain("cannot name an entry");
    }
}
