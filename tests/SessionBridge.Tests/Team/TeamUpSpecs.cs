using SessionBridge.Bridge;
using SessionBridge.State;
using SessionBridge.Team;

namespace SessionBridge.Tests.Team;

/// <summary>
/// <c>session-bridge up</c> on a real tmux server with a stand-in for Claude Code that takes its flags and runs the
/// real hook: a team's roles started, registered and briefed; kept, resumed or started again on a re-run.
/// </summary>
public sealed class TeamUpSpecs(PrivateTmuxServer tmux) : TeamRig(tmux)
{
    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_start_a_team_of_three_each_registered_to_its_pane_and_briefed_by_its_hook()
    {
        // Arrange
        var team = await TeamAsync();

        // Act
        var result = await UpAsync(team);

        // Assert
        result.AllReady.Should().BeTrue(string.Join("; ", result.Roles.Select(r => $"{r.Role}: {r.Action} {r.Detail}")));
        result.Roles.Select(r => (r.Role, r.Action, r.State)).Should().Equal(
            ("gestor", LaunchAction.Started, ListedState.Idle), ("dev", LaunchAction.Started, ListedState.Idle), ("reviewer", LaunchAction.Started, ListedState.Idle));
        result.Attach.Should().Be($"tmux -S {Tmux.Socket} attach -t {TeamName}");
        var panes = await PanesAsync();
        panes.Select(p => p.Role).Should().BeEquivalentTo(["gestor", "dev", "reviewer"]);
        foreach (var role in result.Roles)
        {
            var registered = (await Store.Registry.FindAsync(RoleName.Parse(role.Role), TestContext.Current.CancellationToken))!;
            registered.Pane.Should().Be(role.Pane).And.Be(panes.Single(p => p.Role == role.Role).Pane);
            registered.Socket.Should().Be(Tmux.Socket);
            registered.PanePid.Should().Be(int.Parse(await Tmux.DisplayAsync(role.Pane!, "#{pane_pid}")));
            (await Store.Sessions.FindAsync(RoleName.Parse(role.Role), TestContext.Current.CancellationToken))!.SessionId.Should().Be(role.SessionId);
            (await Store.Prompts.FindAsync(RoleName.Parse(role.Role), TestContext.Current.CancellationToken))!.Prompt.Should().Be($"You are {role.Role}.");
            ContextOf(role.Role).Should().ContainSingle().Which.Should().Contain($"You are {role.Role}.");
        }

        var dev = Starts().Single(s => s.Name == "dev");
        dev.Flag("--session-id").Should().Be(result.Roles.Single(r => r.Role == "dev").SessionId);
        dev.Flag("--model").Should().Be("sonnet");
        dev.Cwd.Should().Be(TeamFolder.Path);
        dev.Env["TEAM_VAR"].Should().Be("from the team");
        dev.Env["ROLE_VAR"].Should().Be("dev only");
        dev.Env["SESSION_BRIDGE_DIR"].Should().Be(StateDir.Path);
        Starts().Single(s => s.Name == "gestor").Env["ROLE_VAR"].Should().BeNull("a role's env is its own");
        dev.Flag("--name").Should().Be("dev");
        (await Tmux.DisplayAsync(result.Roles.Single(r => r.Role == "dev").Pane!, "#{window_name} #{window_width}x#{window_height}"))
            .Should().Be("dev 160x45", "each role has a full-size window of its own, not tmux's 80x24");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_team_files_supervises_makes_each_role_the_supervisor_of_those_it_names_and_list_peers_shows_it()
    {
        // Arrange
        var team = await TeamAsync(supervises: new Dictionary<string, string[]> { ["gestor"] = ["dev", "reviewer"] });

        // Act
        var result = await UpAsync(team);

        // Assert
        result.AllReady.Should().BeTrue(string.Join("; ", result.Roles.Select(r => $"{r.Role}: {r.Action} {r.Detail}")));
        var peers = await new UseCases(Options).Roster.ListPeersAsync(TestContext.Current.CancellationToken);
        peers.Peers.Select(p => (p.Role, p.Supervisor)).Should().Equal(("dev", "gestor"), ("gestor", null), ("reviewer", "gestor"));
        (await Store.Supervision.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken))!.Notices.Should().Equal([SupervisionNotice.Questions, SupervisionNotice.Ended], "the default");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_role_with_supervisor_person_in_the_team_file_is_supervised_by_the_person()
    {
        // Arrange
        var team = await TeamAsync();
        team = team with { Roles = [.. team.Roles.Select(r => r.Role.Value == "dev" ? r with { SupervisedByPerson = true } : r)] };

        // Act
        var result = await UpAsync(team);

        // Assert
        result.AllReady.Should().BeTrue(string.Join("; ", result.Roles.Select(r => $"{r.Role}: {r.Action} {r.Detail}")));
        var peers = await new UseCases(Options).Roster.ListPeersAsync(TestContext.Current.CancellationToken);
        peers.Peers.Select(p => (p.Role, p.Supervisor)).Should().Equal(("dev", "person"), ("gestor", null), ("reviewer", null));
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_run_up_again_and_every_live_role_is_kept_as_it_is()
    {
        // Arrange
        var team = await TeamAsync();
        var first = await UpAsync(team);

        // Act
        var second = await UpAsync(team);

        // Assert
        second.Roles.Select(r => r.Action).Should().AllBeEquivalentTo(LaunchAction.Kept);
        second.Roles.Select(r => (r.Role, r.Pane, r.SessionId)).Should().Equal(first.Roles.Select(r => (r.Role, r.Pane, r.SessionId)));
        (await PanesAsync()).Should().HaveCount(3);
        Starts().Should().HaveCount(3, "nothing was started again");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_role_whose_pane_was_killed_is_resumed_with_its_session_id_and_the_others_are_kept()
    {
        // Arrange
        var team = await TeamAsync();
        var first = await UpAsync(team);
        await HaveATurnAsync(first);
        var dev = first.Roles.Single(r => r.Role == "dev");
        await Tmux.KillPaneAsync(dev.Pane!);

        // Act
        var second = await UpAsync(team);

        // Assert
        second.Roles.Select(r => (r.Role, r.Action)).Should().Equal(
            ("gestor", LaunchAction.Kept), ("dev", LaunchAction.Resumed), ("reviewer", LaunchAction.Kept));
        var resumed = second.Roles.Single(r => r.Role == "dev");
        resumed.SessionId.Should().Be(dev.SessionId);
        resumed.State.Should().Be(ListedState.Idle);
        Starts()[^1].Flag("--resume").Should().Be(dev.SessionId);
        (await Store.Registry.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken))!.Pane.Should().Be(resumed.Pane);
        ContextOf("dev").Should().HaveCount(2).And.AllSatisfy(c => c.Should().Contain("You are dev."));
        (await PanesAsync()).Should().HaveCount(3);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_role_whose_Claude_Code_exited_is_resumed_in_the_same_pane()
    {
        // Arrange: dev's session ends (/exit); its pane stays, dead, where it was.
        var team = await TeamAsync();
        var first = await UpAsync(team);
        await HaveATurnAsync(first);
        var dev = first.Roles.Single(r => r.Role == "dev");
        await Tmux.TypeAsync(dev.Pane!, "/exit");
        await Eventually.WaitAsync(async () => await Tmux.DisplayAsync(dev.Pane!, "#{pane_dead}") == "1", "dev's pane to be dead");

        // Act
        var second = await UpAsync(team);

        // Assert
        var resumed = second.Roles.Single(r => r.Role == "dev");
        (resumed.Action, resumed.Pane, resumed.SessionId, resumed.State).Should().Be((LaunchAction.Resumed, dev.Pane, dev.SessionId, ListedState.Idle));
        Starts()[^1].Flag("--resume").Should().Be(dev.SessionId);
        (await PanesAsync()).Should().HaveCount(3);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task After_the_tmux_server_is_killed_up_brings_the_whole_team_back_resumed()
    {
        // Arrange
        var team = await TeamAsync();
        var first = await UpAsync(team);
        await HaveATurnAsync(first);
        await Tmux.Tmux("kill-server");

        // Act
        var second = await UpAsync(team);

        // Assert
        second.Roles.Select(r => r.Action).Should().AllBeEquivalentTo(LaunchAction.Resumed, string.Join("; ", second.Roles.Select(r => r.Detail)));
        second.Roles.Select(r => r.SessionId).Should().Equal(first.Roles.Select(r => r.SessionId));
        second.Roles.Select(r => r.State).Should().AllSatisfy(s => s.Should().Be(ListedState.Idle));
        (await PanesAsync()).Should().HaveCount(3);
        await Tmux.RestartAsync();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Two_ups_at_once_on_one_team_make_one_pane_per_role()
    {
        // Arrange
        var team = await TeamAsync();

        // Act
        var both = await Task.WhenAll(UpAsync(team), UpAsync(team));

        // Assert
        (await PanesAsync()).Select(p => p.Role).Should().BeEquivalentTo(["gestor", "dev", "reviewer"]);
        both.SelectMany(r => r.Roles).Count(r => r.Action == LaunchAction.Started).Should().Be(3);
        both.SelectMany(r => r.Roles).Count(r => r.Action == LaunchAction.Kept).Should().Be(3, "the second waited for the first and kept its roles");
        Starts().Should().HaveCount(3);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task An_up_interrupted_half_way_is_finished_by_the_next_with_no_duplicate_pane()
    {
        // Arrange: cancelled (as Ctrl-C does) once the first pane is made and registered, before any starts.
        var team = await TeamAsync();
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var act = () => UpAsync(team, Run(progress: (_, _) => interrupt.Cancel()), interrupt.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();

        // Act
        var rerun = await UpAsync(team);

        // Assert
        rerun.AllReady.Should().BeTrue(string.Join("; ", rerun.Roles.Select(r => $"{r.Role}: {r.Action} {r.Detail}")));
        rerun.Roles.Select(r => r.State).Should().AllSatisfy(s => s.Should().Be(ListedState.Idle));
        (await PanesAsync()).Select(p => p.Role).Should().BeEquivalentTo(["gestor", "dev", "reviewer"]);
        Starts().Should().HaveCount(3);
        foreach (var role in rerun.Roles)
        {
            role.Action.Should().Be(LaunchAction.Started);
            role.SessionId.Should().Be(Starts().Single(s => s.Name == role.Role).Flag("--session-id"))
                .And.Be((await Store.Sessions.FindAsync(RoleName.Parse(role.Role), TestContext.Current.CancellationToken))!.SessionId);
        }
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_role_registered_by_hand_to_another_live_pane_is_not_taken_without_force()
    {
        // Arrange
        var team = await TeamAsync();
        var (mine, _) = await Tmux.StartRecorderAsync();
        var now = DateTimeOffset.UtcNow;
        Store.Directory.EnsureCreated();
        var pid = int.Parse(await Tmux.DisplayAsync(mine, "#{pane_pid}"));
        var server = int.Parse(await Tmux.DisplayAsync(mine, "#{pid}"));
        await Store.Registry.SaveAsync(new PeerRegistration("dev", mine, Tmux.Socket, server, pid, null, now, now), TestContext.Current.CancellationToken);

        // Act
        var refused = await UpAsync(team);
        var forced = await UpAsync(team, Run(force: true));

        // Assert
        var dev = refused.Roles.Single(r => r.Role == "dev");
        dev.Action.Should().Be(LaunchAction.Failed);
        dev.Pane.Should().Be(mine);
        dev.Detail.Should().Contain($"registered to another live pane ({mine})").And.Contain("--force");
        refused.Roles.Where(r => r.Role != "dev").Select(r => r.Action).Should().AllBeEquivalentTo(LaunchAction.Started);
        forced.Roles.Single(r => r.Role == "dev").Action.Should().Be(LaunchAction.Started);
        (await Store.Registry.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken))!.Pane.Should().NotBe(mine);
        (await PanesAsync()).Should().HaveCount(3);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_missing_claude_is_a_clear_error_and_nothing_is_started()
    {
        // Arrange
        var team = await TeamAsync(command: "claude-that-is-not-installed");

        // Act
        var act = () => UpAsync(team);

        // Assert
        (await act.Should().ThrowAsync<BridgeException>()).Which.Message.Should().Contain("claude-that-is-not-installed is not on PATH").And.Contain("Nothing was started");
        (await PanesAsync()).Should().BeEmpty();
        (await Store.Registry.AllAsync(TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_session_whose_hook_never_reports_is_failed_soon_with_the_reason_not_after_the_whole_timeout()
    {
        // Arrange: Claude Code without the hook wired (the fake runs none).
        var team = await TeamAsync(env: new Dictionary<string, string> { ["FAKE_CLAUDE_HOOK"] = "" });

        // Act
        var result = await UpAsync(team, Run(seconds: 50) with { HookGrace = TimeSpan.FromSeconds(1) });

        // Assert: the grace's reason, not the whole timeout's ("not ready after 50 s").
        result.Roles.Should().AllSatisfy(r =>
        {
            r.Action.Should().Be(LaunchAction.Failed);
            r.State.Should().Be(ListedState.Idle);
            r.Detail.Should().Contain("SessionStart hook did not report").And.Contain("session-bridge install");
        });
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_lay_a_team_out_tiled_in_one_window()
    {
        // Arrange
        var team = await TeamAsync(layout: TeamLayout.Tiled);

        // Act
        var result = await UpAsync(team);

        // Assert
        result.AllReady.Should().BeTrue();
        var windows = await Tmux.Tmux("list-windows", "-t", "=" + TeamName, "-F", "#{window_name} #{window_panes}");
        windows.StandardOutput.Trim().Should().Be($"{TeamName} 3");
    }
}
