using SessionBridge.Bridge;
using SessionBridge.State;
using SessionBridge.Team;

namespace SessionBridge.Tests.Team;

/// <summary>
/// <c>up</c> bringing back a role whose session ended: resumed when the session had a turn (its transcript is there),
/// started fresh, with no detour through "No conversation found", when it never had one.
/// </summary>
public sealed class TeamUpRestartSpecs(PrivateTmuxServer tmux) : TeamRig(tmux)
{
    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_role_whose_session_never_had_a_turn_starts_fresh_without_trying_to_resume_it()
    {
        // Arrange: dev's pane dies before its session had a turn.
        var team = await TeamAsync();
        var first = await UpAsync(team);
        var dev = first.Roles.Single(r => r.Role == "dev");
        await Tmux.KillPaneAsync(dev.Pane!);

        // Act
        var second = await UpAsync(team);

        // Assert
        var started = second.Roles.Single(r => r.Role == "dev");
        (started.Action, started.State, started.Detail).Should().Be((LaunchAction.Started, ListedState.Idle, null));
        started.SessionId.Should().NotBe(dev.SessionId);
        Starts().Should().NotContain(s => s.Flag("--resume") != null, "nothing was resumed");
        Starts()[^1].Flag("--session-id").Should().Be(started.SessionId);
        (await Store.Sessions.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken))!.SessionId.Should().Be(started.SessionId);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Where_resuming_fails_the_role_starts_fresh_and_up_says_so()
    {
        // Arrange
        var team = await TeamAsync();
        var first = await UpAsync(team);
        await HaveATurnAsync(first);
        var dev = first.Roles.Single(r => r.Role == "dev");
        await Tmux.KillPaneAsync(dev.Pane!);
        File.Delete(Path.Combine(ClaudeHome.Path, "sessions", dev.SessionId!));

        // Act
        var second = await UpAsync(team);

        // Assert
        var started = second.Roles.Single(r => r.Role == "dev");
        started.Action.Should().Be(LaunchAction.Started);
        started.State.Should().Be(ListedState.Idle);
        started.SessionId.Should().NotBe(dev.SessionId);
        started.Detail.Should().Contain($"could not resume session {dev.SessionId}").And.Contain("No conversation found").And.Contain("started fresh");
        (await Store.Sessions.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken))!.SessionId.Should().Be(started.SessionId);
        Starts()[^1].Flag("--session-id").Should().Be(started.SessionId);
        (await PanesAsync()).Should().HaveCount(3);
    }


    [Fact(Timeout = Timeouts.Spec)]
    public async Task Up_on_a_live_role_whose_settings_changed_keeps_it_and_says_the_change_was_not_applied_and_how_to_apply_it()
    {
        // Arrange: dev's model and permission mode change in the team file while dev runs.
        var team = await TeamAsync();
        var first = await UpAsync(team);
        var changed = team with
        {
            Roles = [.. team.Roles.Select(r => r.Role.Value == "dev" ? r with { Model = "opus", PermissionMode = "plan" } : r)],
        };

        // Act
        var second = await UpAsync(changed);

        // Assert
        second.Roles.Select(r => r.Action).Should().AllBeEquivalentTo(LaunchAction.Kept);
        second.Roles.Single(r => r.Role == "dev").Detail.Should()
            .Be("its settings in the team file changed since it started (model, permissionMode): not applied to the running "
                + "session. To apply them: session-bridge down dev, then session-bridge up");
        second.Roles.Where(r => r.Role != "dev").Should().AllSatisfy(r => r.Detail.Should().BeNull());
        Starts().Should().HaveCount(3, "nothing was started again");
    }
}
