using SessionBridge.Bridge;
using SessionBridge.State;
using SessionBridge.Team;

namespace SessionBridge.Tests.Team;

/// <summary>
/// <c>session-bridge down</c>: each role's Claude Code takes <c>/exit</c> and exits, its pane goes, and its state
/// stays for the next <c>up</c>, which resumes it; peers shows the role as stopped, not dead.
/// </summary>
public sealed class TeamDownSpecs(PrivateTmuxServer tmux) : TeamRig(tmux)
{
    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_stop_a_team_and_its_state_is_kept_and_peers_says_stopped()
    {
        // Arrange
        var team = await TeamAsync();
        var up = await UpAsync(team);
        var pids = Starts().Select(s => s.Pid).ToList();
        var bridge = new UseCases(Options);
        await bridge.Sending.SendAsync("dev", "human", "a note for later", cancellationToken: TestContext.Current.CancellationToken);

        // Act
        var down = await DownAsync("gestor", "dev", "reviewer");

        // Assert
        down.Roles.Select(r => (r.Role, r.Action)).Should().Equal(
            ("gestor", StopAction.Exited), ("dev", StopAction.Exited), ("reviewer", StopAction.Exited));
        (await PanesAsync()).Should().BeEmpty("each pane goes once its Claude Code exits");
        pids.Should().AllSatisfy(pid => Runs(pid).Should().BeFalse("no Claude Code is left running"));
        var peers = await bridge.Roster.ListPeersAsync(TestContext.Current.CancellationToken);
        peers.Peers.Select(p => (p.Role, p.Status, p.State)).Should().Equal(
            ("dev", PaneStatus.Stopped, ListedState.Stopped), ("gestor", PaneStatus.Stopped, ListedState.Stopped), ("reviewer", PaneStatus.Stopped, ListedState.Stopped));
        foreach (var role in up.Roles)
        {
            (await Store.Sessions.FindAsync(RoleName.Parse(role.Role), TestContext.Current.CancellationToken))!.SessionId.Should().Be(role.SessionId);
            (await Store.Prompts.FindAsync(RoleName.Parse(role.Role), TestContext.Current.CancellationToken)).Should().NotBeNull();
        }

        (await Store.Messages.InboxAsync(RoleName.Parse("dev"), 10, null, TestContext.Current.CancellationToken)).Records.Should().ContainSingle(m => m.Text.Contains("a note for later"));
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task After_down_up_resumes_every_role_with_its_session()
    {
        // Arrange
        var team = await TeamAsync();
        var first = await UpAsync(team);
        await HaveATurnAsync(first);
        await DownAsync("gestor", "dev", "reviewer");

        // Act
        var again = await UpAsync(team);

        // Assert
        again.Roles.Select(r => r.Action).Should().AllBeEquivalentTo(LaunchAction.Resumed);
        again.Roles.Select(r => r.SessionId).Should().Equal(first.Roles.Select(r => r.SessionId));
        var peers = await new UseCases(Options).Roster.ListPeersAsync(TestContext.Current.CancellationToken);
        peers.Peers.Select(p => p.Status).Should().AllBeEquivalentTo(PaneStatus.Alive);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_to_a_stopped_role_is_held_and_handed_to_it_when_up_starts_it_again()
    {
        // Arrange
        var team = await TeamAsync();
        var first = await UpAsync(team);
        await HaveATurnAsync(first);
        await DownAsync("dev");
        var bridge = new UseCases(Options);

        // Act
        var sent = await bridge.Sending.SendAsync("dev", "human", "the schema changed while you were away", cancellationToken: TestContext.Current.CancellationToken);
        var again = await UpAsync(team);

        // Assert
        sent.Status.Should().Be(DeliveryStatus.Held, sent.Reason);
        sent.Reason.Should().Contain("stopped by session-bridge down");
        again.Roles.Single(r => r.Role == "dev").Action.Should().Be(LaunchAction.Resumed);
        ContextOf("dev").Should().HaveCount(2);
        ContextOf("dev")[^1].Should().Contain("the schema changed while you were away").And.Contain("You are dev.");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_role_stopped_by_down_is_not_told_to_its_supervisor_as_ended()
    {
        // Arrange
        var team = await TeamAsync(supervises: new Dictionary<string, string[]> { ["gestor"] = ["dev"] });
        await UpAsync(team);

        // Act
        var down = await DownAsync("dev");

        // Assert
        down.Roles.Single().Action.Should().Be(StopAction.Exited);
        HooksOf("dev").Should().Contain("SessionEnd", "the /exit down typed ran dev's SessionEnd hook");
        (await FromDev()).Should().BeEmpty("dev was stopped on purpose, not ended");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_supervised_role_whose_session_ends_otherwise_is_told_to_its_supervisor_as_ended()
    {
        // Arrange
        var team = await TeamAsync(supervises: new Dictionary<string, string[]> { ["gestor"] = ["dev"] });
        var up = await UpAsync(team);

        // Act: a person types /exit in dev's pane.
        await Tmux.TypeAsync(up.Roles.Single(r => r.Role == "dev").Pane!, "/exit");

        // Assert
        await Eventually.WaitAsync(async () => (await FromDev()).Count > 0, "gestor is told dev ended");
        (await FromDev()).Should().ContainSingle().Which.Text.Should().Contain("dev's Claude Code session ended");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_stop_one_role_and_leave_the_others_running()
    {
        // Arrange
        var team = await TeamAsync();
        await UpAsync(team);

        // Act
        var down = await DownAsync("dev", "ghost");

        // Assert
        down.Roles.Select(r => (r.Role, r.Action)).Should().Equal(("dev", StopAction.Exited), ("ghost", StopAction.NotRegistered));
        (await PanesAsync()).Select(p => p.Role).Should().BeEquivalentTo(["gestor", "reviewer"]);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_role_whose_prompt_holds_a_persons_draft_is_left_running_and_the_draft_is_not_sent()
    {
        // Arrange: a person has half-typed a prompt in dev's pane. /exit typed after it would go to the model with it.
        var team = await TeamAsync();
        await UpAsync(team);
        var dev = (await PanesAsync()).Single(p => p.Role == "dev").Pane;
        await Tmux.Tmux("send-keys", "-t", dev, "-l", "half a thought");
        await Eventually.WaitAsync(async () => (await Tmux.CaptureAsync(dev)).Contains("half a thought"), "the draft on dev's screen");

        // Act
        var down = await DownAsync("dev");

        // Assert
        var stop = down.Roles.Single();
        stop.Action.Should().Be(StopAction.Kept);
        stop.Detail.Should().Contain("unsent draft (\"half a thought\")").And.Contain("down --force");
        (await PanesAsync()).Select(p => p.Role).Should().Contain("dev", "dev's session is left running");
        (await Tmux.CaptureAsync(dev)).Should().Contain("half a thought").And.NotContain("/exit", "nothing was typed after the draft");
        (await new UseCases(Options).Roster.ListPeersAsync(TestContext.Current.CancellationToken))
            .Peers.Single(p => p.Role == "dev").State.Should().NotBe(ListedState.Stopped);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_force_down_a_role_whose_prompt_holds_a_draft_and_its_pane_is_killed()
    {
        // Arrange
        var team = await TeamAsync();
        await UpAsync(team);
        var dev = (await PanesAsync()).Single(p => p.Role == "dev").Pane;
        await Tmux.Tmux("send-keys", "-t", dev, "-l", "half a thought");
        await Eventually.WaitAsync(async () => (await Tmux.CaptureAsync(dev)).Contains("half a thought"), "the draft on dev's screen");

        // Act
        var down = await new TeamDown(Options, Store, TimeProvider.System).RunAsync(
            [RoleName.Parse("dev")], TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken, force: true);

        // Assert
        down.Roles.Single().Action.Should().Be(StopAction.Killed);
        down.Roles.Single().Detail.Should().Contain("--force killed its pane");
        (await PanesAsync()).Select(p => p.Role).Should().NotContain("dev");
        (await Store.Registry.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken))!.StoppedAt.Should().NotBeNull("peers says stopped, and up resumes it");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_Claude_Code_that_ignores_exit_has_its_pane_killed_after_the_timeout()
    {
        // Arrange: a pane that takes keys but never exits (cat, running as claude).
        var (pane, _) = await Tmux.StartRecorderAsync();
        Store.Directory.EnsureCreated();
        var now = DateTimeOffset.UtcNow;
        await Store.Registry.SaveAsync(new PeerRegistration(
            "dev", pane, Tmux.Socket, int.Parse(await Tmux.DisplayAsync(pane, "#{pid}")), int.Parse(await Tmux.DisplayAsync(pane, "#{pane_pid}")), null, now, now), TestContext.Current.CancellationToken);

        // Act
        var down = await new TeamDown(Options, Store, TimeProvider.System).RunAsync(
            [RoleName.Parse("dev")], TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        // Assert
        down.Roles.Single().Action.Should().Be(StopAction.Killed);
        down.Roles.Single().Detail.Should().Contain("did not exit within 1 s");
        var panes = await Tmux.Tmux("list-panes", "-a", "-F", "#{pane_id}");
        panes.StandardOutput.Split('\n').Should().NotContain(pane, "the pane is gone");
    }

    /// <summary>What dev told gestor (its supervisor in the specs that say so): the messages from dev in gestor's mailbox.</summary>
    private async Task<List<MessageRecord>> FromDev() =>
        [.. (await Store.Messages.InboxAsync(RoleName.Parse("gestor"), 50, null, TestContext.Current.CancellationToken)).Records.Where(m => m.From == "dev")];

    /// <summary>The hook events the fake Claude Code of <paramref name="role"/> ran, in order.</summary>
    private string[] HooksOf(string role)
    {
        var path = Path.Combine(ClaudeHome.Path, $"hooks-{role}.txt");
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    /// <summary>
    /// Whether <paramref name="pid"/> still runs. An exited process its parent has not reaped yet (a zombie, which
    /// the private tmux server sometimes leaves for seconds after the pane is killed) has exited: /proc still lists it.
    /// </summary>
    private static bool Runs(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
