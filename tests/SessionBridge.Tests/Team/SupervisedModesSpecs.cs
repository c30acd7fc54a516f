using SessionBridge.Team;

namespace SessionBridge.Tests.Team;

/// <summary>
/// <c>up</c> warns when a supervised role runs in a permission mode where its supervisor is rarely or never asked;
/// the default team runs every role in "default", where every permission is asked.
/// </summary>
public sealed class SupervisedModesSpecs
{
    [Theory]
    [InlineData(null, "no permission mode is set")]
    [InlineData("auto", "auto mode runs its calls, or denies the ones its safety check flags, without asking anyone")]
    [InlineData("bypassPermissions", "bypassPermissions never asks")]
    [InlineData("dontAsk", "dontAsk never asks")]
    [InlineData("acceptEdits", "acceptEdits does not ask for file edits")]
    public void A_supervised_role_in_a_mode_that_rarely_asks_is_warned_about(string? mode, string why)
    {
        // Arrange
        var team = Team(mode);

        // Act
        var warnings = SupervisedModes.Warnings(team);

        // Assert
        warnings.Should().ContainSingle().Which.Should().Contain("dev is supervised by gestor").And.Contain(why)
            .And.Contain("set \"permissionMode\": \"default\" for dev");
    }

    [Theory]
    [InlineData("default")]
    [InlineData("plan")]
    public void A_supervised_role_that_is_asked_is_not_warned_about(string mode) =>
        SupervisedModes.Warnings(Team(mode)).Should().BeEmpty();

    [Fact]
    public void A_role_the_person_supervises_in_auto_mode_is_warned_about_too()
    {
        // Arrange
        var team = Team("auto");
        team = team with { Roles = [team.Roles[0] with { Supervises = [] }, team.Roles[1] with { SupervisedByPerson = true }] };

        // Act
        var warnings = SupervisedModes.Warnings(team);

        // Assert
        warnings.Should().ContainSingle().Which.Should().Contain("dev is supervised by person").And.Contain("auto mode");
    }

    [Fact]
    public void A_mode_given_in_a_roles_args_counts_as_its_mode()
    {
        // Arrange
        var team = Team("default", ["--dangerously-skip-permissions"]);

        // Act
        var warnings = SupervisedModes.Warnings(team);

        // Assert
        warnings.Should().ContainSingle().Which.Should().Contain("bypassPermissions never asks");
    }

    [Fact]
    public void The_default_team_runs_every_role_in_default_mode_and_draws_no_warning()
    {
        // Act
        var team = DefaultTeam.In("/tmp/shop");

        // Assert
        team.Roles.Select(r => r.PermissionMode).Should().AllBe("default");
        SupervisedModes.Warnings(team).Should().BeEmpty();
    }

    private static TeamDefinition Team(string? devMode, string[]? devArgs = null)
    {
        RoleDefinition Role(string name, string? mode, string[] args, params string[] supervises) =>
            new(RoleName.Parse(name), null, null, false, "/tmp/shop", mode, null, args, new Dictionary<string, string>(), null,
                [.. supervises.Select(s => RoleName.Parse(s))]);
        return new TeamDefinition("shop", TeamLayout.Windows, "claude", new Dictionary<string, string>(),
            [Role("gestor", null, [], "dev"), Role("dev", devMode, devArgs ?? [])], "/tmp/shop", null);
    }
}
