using Microsoft.Extensions.Time.Testing;
using SessionBridge.Bridge;
using SessionBridge.Bridge.Remote;
using SessionBridge.State;
using SessionBridge.Supervision;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Supervision;

/// <summary>
/// On a fake clock: a respond without request id within a minute of the role's request ending is stale (it most
/// likely answers the question it was told about); after that minute it presses keys again, as without supervision.
/// </summary>
public sealed class StaleWindowSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_respond_within_a_minute_of_an_end_is_stale_and_after_it_presses_keys()
    {
        // Arrange
        var rig = new SupervisionRig(tmux, _state.Path);
        await rig.StartAsync(menu: true);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var bridge = new UseCases(TestBridge.Options(_state.Path, tmux), clock);
        var requests = new PermissionRequests(rig.Store);
        var peer = (await rig.Store.Registry.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken))!;
        var request = (await requests.OpenAsync(MessageId.New(), peer, "session-1", "Bash", "{\"command\":\"ls\"}", null, TimeSpan.FromMinutes(10), clock.GetUtcNow(), TestContext.Current.CancellationToken))!;
        await requests.EndAsync(request.Id, RequestStatus.AnsweredOnScreen, PermissionRequests.ByScreen, clock.GetUtcNow(), TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;

        // Act
        clock.Advance(TimeSpan.FromSeconds(59));
        var within = await bridge.Menus.RespondAsync(new RespondRequest("dev", null, "SQLite", null, null, null, null), ct);
        clock.Advance(TimeSpan.FromSeconds(2));
        var after = await bridge.Menus.RespondAsync(new RespondRequest("dev", null, "SQLite", null, null, null, null), ct);

        // Assert
        within.Status.Should().Be("stale");
        within.Request.Should().Be(request.Id);
        after.Status.Should().BeNull();
        after.AnsweredVia.Should().Be("keys");
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(rig.MenuLog!).Length > 0, "the fake menu to take the answer");
        PrivateTmuxServer.Submitted(rig.MenuLog!).Should().Equal("SQLite");
    }

    public void Dispose() => _state.Dispose();
}
