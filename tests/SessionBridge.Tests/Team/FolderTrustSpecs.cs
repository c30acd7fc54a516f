using SessionBridge.Bridge;
using SessionBridge.State;
using SessionBridge.Team;

namespace SessionBridge.Tests.Team;

/// <summary>
/// <c>up</c> and Claude Code's folder-trust dialog, on the stand-in that shows it as Claude Code 2.1.331 does (cursor
/// on "No, exit", keys lost while the dialog is set up): reported untouched without <c>--trust</c>; with it, "Yes"
/// chosen by its label and Enter pressed only on it, in two new folders at once too.
/// </summary>
public sealed class FolderTrustSpecs(PrivateTmuxServer tmux) : TeamRig(tmux)
{
    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_folder_trust_dialog_is_reported_untouched_and_answered_by_a_rerun_with_trust()
    {
        // Arrange
        var team = await TeamAsync(env: new Dictionary<string, string> { ["FAKE_CLAUDE_UNTRUSTED"] = "1" });

        // Act
        var waiting = await UpAsync(team);
        var trusted = await UpAsync(team, Run(trust: true));

        // Assert
        waiting.Roles.Should().AllSatisfy(r =>
        {
            r.Action.Should().Be(LaunchAction.Waiting);
            r.State.Should().Be(ListedState.WaitingSelect);
            r.Detail.Should().Be("Quick safety check: Is this a project you created or one you trust?");
            r.Answer.Should().Contain("session-bridge up --trust").And.Contain($"tmux attach -t {TeamName}");
        });
        trusted.Roles.Should().AllSatisfy(r =>
        {
            r.Action.Should().Be(LaunchAction.Kept, "the waiting session is answered, not started again");
            r.State.Should().Be(ListedState.Idle);
        });
        Starts().Should().HaveCount(3);
        File.ReadAllLines(Path.Combine(ClaudeHome.Path, "trusted")).Should().Equal(TeamFolder.Path, TeamFolder.Path, TeamFolder.Path);
    }


    [Fact(Timeout = Timeouts.Spec)]
    public async Task With_trust_a_dialog_that_loses_the_first_keys_is_answered_yes_and_every_role_starts()
    {
        // Arrange: keys in the dialog's first 1.5 s are lost, as Claude Code loses them while it sets the dialog up.
        var team = await TeamAsync(env: new Dictionary<string, string> { ["FAKE_CLAUDE_UNTRUSTED"] = "1", ["FAKE_CLAUDE_TRUST_DEAF_MS"] = "1500" });

        // Act
        var result = await UpAsync(team, Run(trust: true));

        // Assert
        result.Roles.Should().AllSatisfy(r => (r.Action, r.State).Should().Be((LaunchAction.Started, ListedState.Idle), r.Detail));
        File.ReadAllLines(Path.Combine(ClaudeHome.Path, "trusted")).Should().Equal(TeamFolder.Path, TeamFolder.Path, TeamFolder.Path);
        Starts().Should().HaveCount(3, "no role exited and started again");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task With_trust_the_cursor_on_No_exit_is_never_answered_with_Enter()
    {
        // Arrange: a dialog whose arrows do nothing: the cursor stays on "No, exit".
        var team = await TeamAsync(env: new Dictionary<string, string> { ["FAKE_CLAUDE_UNTRUSTED"] = "1", ["FAKE_CLAUDE_TRUST_STUCK"] = "1" });

        // Act
        var result = await UpAsync(team, Run(trust: true));

        // Assert: still asking, nobody exited, and the person is told why.
        result.Roles.Should().AllSatisfy(r =>
        {
            (r.Action, r.State).Should().Be((LaunchAction.Waiting, ListedState.WaitingSelect));
            r.Answer.Should().Contain("could not put the cursor on \"Yes, I trust this folder\"").And.Contain("did not press Enter");
        });
        foreach (var role in result.Roles)
        {
            (await Tmux.DisplayAsync(role.Pane!, "#{pane_dead}")).Should().Be("0");
            (await Tmux.CaptureAsync(role.Pane!)).Should().Contain("\u276f No, exit").And.NotContain("isn't trusted");
        }

        File.Exists(Path.Combine(ClaudeHome.Path, "trusted")).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Two_ups_with_trust_at_once_in_two_new_folders_both_come_up()
    {
        // Arrange: two teams, each in a folder never trusted, with role names of their own.
        var env = new Dictionary<string, string> { ["FAKE_CLAUDE_UNTRUSTED"] = "1", ["FAKE_CLAUDE_TRUST_DEAF_MS"] = "500" };
        var shop = await TeamAsync(env: env);
        using var otherFolder = new TempDirectory("lab");
        var lab = shop with
        {
            Name = TeamName + "-lab",
            Folder = otherFolder.Path,
            Roles = [.. shop.Roles.Select(r => r with { Role = RoleName.Parse("lab-" + r.Role.Value), Cwd = otherFolder.Path })],
        };

        // Act
        var both = await Task.WhenAll(UpAsync(shop, Run(trust: true)), UpAsync(lab, Run(trust: true)));

        // Assert
        both.SelectMany(b => b.Roles).Should().HaveCount(6).And.AllSatisfy(r =>
            (r.Action, r.State).Should().Be((LaunchAction.Started, ListedState.Idle), $"{r.Role}: {r.Detail}"));
        File.ReadAllLines(Path.Combine(ClaudeHome.Path, "trusted")).Order().Should().Equal(
            [.. Enumerable.Repeat(TeamFolder.Path, 3).Concat(Enumerable.Repeat(otherFolder.Path, 3)).Order()]);
    }
}
