using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SessionBridge.Bridge;
using SessionBridge.Bridge.Panes;
using SessionBridge.Bridge.Remote;
using SessionBridge.Bridge.Results;
using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Hosts;

/// <summary>
/// A host that vanished (its machine off, the network gone) leaves no one to say "no responders": its heartbeat,
/// a time in its key of the bucket hosts, is what tells. Older than 30 s, its roles are unreachable and nobody waits
/// on a request to it. Specs on a fake clock and a scripted link: the heartbeat's rule alone.
/// </summary>
public sealed class HeartbeatSpecs : IDisposable
{
    private readonly TempDirectory _folder = new("state");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ScriptedLink _link = new();

    private sealed class ScriptedLink : IHostLink
    {
        public DateTimeOffset? Beat { get; set; }

        public int Requests { get; private set; }

        /// <summary>The error the host answers with instead of the peer's view.</summary>
        public string? Error { get; set; }

        public string Host => "a";

        public Task<HostReply> RequestAsync(string host, string operation, byte[] payload, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Requests++;
            var request = JsonSerializer.Deserialize(payload, HostJsonContext.Default.ScreenRequest)!;
            var view = new PeerView(request.Role, "%1", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, true, PaneStatus.Alive, null, ListedState.Idle, Host: host);
            var answer = Error is null
                ? new HostAnswer(JsonSerializer.SerializeToElement(view, HostJsonContext.Default.PeerView))
                : new HostAnswer(null, Error, ErrorCode.NoPane);
            return Task.FromResult(new HostReply(JsonSerializer.SerializeToUtf8Bytes(answer, HostJsonContext.Default.HostAnswer), null));
        }

        public Task ServeAsync(Func<string, byte[], CancellationToken, Task<byte[]>> answer, CancellationToken cancellationToken) => Task.CompletedTask;

        Task IHostLink.BeatAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<DateTimeOffset?> LastBeatAsync(string host, CancellationToken cancellationToken) => Task.FromResult(Beat);

        public Task WatchAsync(IReadOnlyList<string> buckets, Action<string> written, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task PublishPresenceAsync(StateDirectory directory, TimeSpan sweep, CancellationToken cancellationToken) => Task.CompletedTask;

        public IReadOnlyList<string> HookBuckets => [];

        public IReadOnlyList<string> TeamBuckets => [];

        public void Hint(StateDirectory directory, string bucket) { }
    }

    private RemotePanes Remote() => new(TestBridge.Options(_folder.Path), Store(), _clock);

    private StateStore Store()
    {
        var directory = new StateDirectory(_folder.Path);
        var files = new StateStore(directory, TimeSpan.FromSeconds(5), _clock);
        return new StateStore(
            directory,
            StateStoreKind.Nats,
            "a spec's store",
            files.Registry,
            files.Prompts,
            files.Messages,
            files.Held,
            files.Sessions,
            files.Supervision,
            files.Requests,
            files.WatchAsync,
            _link
        );
    }

    private static PeerRegistration Dev => new("dev", "%1", "/tmp/b/sock", 10, 20, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, Host: "b");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_host_heard_from_within_30_s_is_asked()
    {
        // Arrange
        _link.Beat = _clock.GetUtcNow() - TimeSpan.FromSeconds(29);

        // Act
        var view = await Remote().ViewAsync(Dev, null, TestContext.Current.CancellationToken);

        // Assert
        view.State.Should().Be(ListedState.Idle);
        _link.Requests.Should().Be(1);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_host_silent_for_over_30_s_is_unreachable_without_being_asked()
    {
        // Arrange
        _link.Beat = _clock.GetUtcNow() - TimeSpan.FromSeconds(31);

        // Act
        var view = await Remote().ViewAsync(Dev, null, TestContext.Current.CancellationToken);
        var typed = await Remote().TypeAsync(Dev, "[from:gestor] hello", true, false, TestContext.Current.CancellationToken);

        // Assert
        view.State.Should().Be(ListedState.Unreachable);
        view.Status.Should().Be(PaneStatus.Unreachable);
        view.Alive.Should().BeFalse();
        view.Problem.Should().Contain("host b").And.Contain("31 s ago");
        typed.Status.Should().Be(DeliveryStatus.Held, "kept for dev's own hooks");
        typed.Delivered.Should().BeFalse();
        typed.Reason.Should().Contain("host b");
        _link.Requests.Should().Be(0, "a silent host is not waited for");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_peer_its_host_cannot_show_is_listed_with_the_hosts_words_not_failing_the_list()
    {
        // Arrange
        _link.Beat = _clock.GetUtcNow();
        _link.Error = "dev is registered on host c now, not on b: try again.";

        // Act
        var view = await Remote().ViewAsync(Dev, null, TestContext.Current.CancellationToken);

        // Assert
        view.Alive.Should().BeFalse();
        view.Problem.Should().Contain("registered on host c now");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_host_that_never_had_a_server_is_unreachable()
    {
        // Arrange
        _link.Beat = null;

        // Act
        var act = () => Remote().ReadAsync(Dev, 10, TestContext.Current.CancellationToken);

        // Assert
        var error = (await act.Should().ThrowAsync<BridgeException>()).Which;
        error.Message.Should().Contain("host b").And.Contain("Nothing was typed or read");
        _link.Requests.Should().Be(0);
    }

    [Fact]
    public void One_place_drives_a_pane_of_this_host_through_tmux_and_asks_another_hosts_of_its_host()
    {
        // Arrange: this store is host a's.
        var store = Store();
        var options = TestBridge.Options(_folder.Path);
        var targeting = new PaneTargeting(options);
        var reader = new PeerStateReader(options, _clock);
        var typing = new PaneTyping(options, targeting, new ClaudeCodeCheck(options), _clock);
        var answering = new PaneAnswering(options, store, targeting, _clock);
        var watching = new PaneWatching(options, store, targeting, reader, _clock);
        var local = new LocalPanes(options, store, targeting, reader, typing, answering, watching, _clock);
        var panes = new PeerPanes(store, local, new RemotePanes(options, store, _clock));

        // Act
        var onB = panes.For(Dev);
        var onA = panes.For(Dev with { Host = "a" });
        var noHost = panes.For(Dev with { Host = null });

        // Assert
        onB.Should().BeOfType<RemotePanes>();
        onA.Should().BeSameAs(local);
        noHost.Should().BeSameAs(local, "a registration made before hosts were recorded is this machine's");
    }

    public void Dispose() => _folder.Dispose();
}
