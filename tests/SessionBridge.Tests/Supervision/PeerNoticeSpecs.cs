using SessionBridge.Bridge;
using SessionBridge.State;
using SessionBridge.Tests.Hook;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Supervision;

/// <summary>Not only questions: a supervisor told when a supervised role finishes a turn (done) or its session ends (ended), once each.</summary>
public sealed class PeerNoticeSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task By_default_an_ended_session_is_told_once_and_a_finished_turn_is_not()
    {
        // Arrange
        var rig = new SupervisionRig(tmux, _state.Path);
        await rig.StartAsync();

        // Act
        await rig.RunAsync(HookEvents.Stop("All tests pass."));
        var afterStop = (await rig.Inbox("gestor")).Count;
        await rig.RunAsync(HookEvents.Json("SessionEnd", fields: ("reason", "prompt_input_exit")));

        // Assert
        afterStop.Should().Be(0, "done is not asked for by default");
        var notice = (await rig.Inbox("gestor")).Should().ContainSingle().Subject;
        notice.From.Should().Be("dev");
        notice.Text.Should().Contain("dev's Claude Code session ended");
        notice.Status.Should().Be(DeliveryStatus.Held, "never typed into the supervisor's pane by the hook");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_supervisor_that_asked_for_done_is_told_each_finished_turn_once_with_the_start_of_its_answer()
    {
        // Arrange
        var rig = new SupervisionRig(tmux, _state.Path);
        await rig.StartAsync();
        await using var gestor = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, rig.GestorPane));
        var set = (await gestor.CallAsync("supervise", new() { ["roles"] = new[] { "dev" }, ["notify"] = new[] { "questions", "done" } })).Json();

        // Act
        await rig.RunAsync(HookEvents.Stop("The migration is in.\u001b[2J Next: the API."));
        await rig.RunAsync(HookEvents.Stop("Reviewed and pushed."));
        await rig.RunAsync(HookEvents.Json("SessionEnd", fields: ("reason", "other")));

        // Assert
        set.GetProperty("notify").EnumerateArray().Select(n => n.GetString()).Should().Equal("questions", "done");
        var notices = (await rig.Inbox("gestor")).Select(m => m.Text).ToList();
        notices.Should().HaveCount(2, "one per turn; ended was not asked for this time");
        notices[0].Should().Contain("dev finished a turn").And.Contain("The migration is in.").And.NotContain("\u001b");
        notices[1].Should().Contain("Reviewed and pushed.");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task An_unknown_notice_is_refused()
    {
        // Arrange
        var rig = new SupervisionRig(tmux, _state.Path);
        await rig.StartAsync(supervised: false);
        await using var gestor = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, rig.GestorPane));

        // Act
        var result = await gestor.CallAsync("supervise", new() { ["roles"] = new[] { "dev" }, ["notify"] = new[] { "everything" } });

        // Assert
        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("\"everything\" is none of questions, done, ended");
        (await rig.Store.Supervision.AllAsync(TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_supervised_role_whose_pane_died_without_a_hook_is_told_ended_once_whoever_looks()
    {
        // Arrange
        var rig = new SupervisionRig(tmux, _state.Path);
        await rig.StartAsync();
        var first = new UseCases(TestBridge.Options(_state.Path, tmux));
        var second = new UseCases(TestBridge.Options(_state.Path, tmux));
        await tmux.KillPaneAsync(rig.DevPane);
        var ct = TestContext.Current.CancellationToken;

        // Act
        var listed = await first.Roster.ListPeersAsync(ct);
        await first.Roster.ListPeersAsync(ct);
        await second.Roster.ListPeersAsync(ct);

        // Assert
        listed.Peers.Single(p => p.Role == "dev").Status.Should().Be(PaneStatus.Gone);
        var notice = (await rig.Inbox("gestor")).Should().ContainSingle("one session ends once, however many processes see it").Subject;
        notice.From.Should().Be("dev");
        notice.Text.Should().Contain("dev's pane is gone");
        notice.Status.Should().Be(DeliveryStatus.Held);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_role_that_ended_with_SessionEnd_is_not_told_again_when_its_pane_is_found_gone()
    {
        // Arrange
        var rig = new SupervisionRig(tmux, _state.Path);
        await rig.StartAsync();
        await rig.RunAsync(HookEvents.Json("SessionEnd", fields: ("reason", "prompt_input_exit")));
        await tmux.KillPaneAsync(rig.DevPane);

        // Act
        await new UseCases(TestBridge.Options(_state.Path, tmux)).Roster.ListPeersAsync(TestContext.Current.CancellationToken);

        // Assert
        (await rig.Inbox("gestor")).Should().ContainSingle().Which.Text.Should().Contain("dev's Claude Code session ended");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_role_stopped_by_down_is_not_told_ended_when_its_pane_is_found_gone()
    {
        // Arrange
        var rig = new SupervisionRig(tmux, _state.Path);
        await rig.StartAsync();
        await rig.Store.Registry.MarkStoppedAsync(RoleName.Parse("dev"), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        await tmux.KillPaneAsync(rig.DevPane);

        // Act
        var listed = await new UseCases(TestBridge.Options(_state.Path, tmux)).Roster.ListPeersAsync(TestContext.Current.CancellationToken);

        // Assert
        listed.Peers.Single(p => p.Role == "dev").Status.Should().Be(PaneStatus.Stopped);
        (await rig.Inbox("gestor")).Should().BeEmpty();
    }

    public void Dispose() => _state.Dispose();
}
