using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Tests.Bridge;

/// <summary>The rules a role, a pane id and a team name are held to: what names files and tmux targets.</summary>
public sealed class NameRuleSpecs
{
    [Theory]
    [InlineData("dev", true)]
    [InlineData("0", true)]
    [InlineData("code-reviewer_2", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", false)]
    [InlineData("", false)]
    [InlineData("-dev", false)]
    [InlineData("_dev", false)]
    [InlineData("Dev", false)]
    [InlineData("dev!", false)]
    [InlineData("dé", false)]
    [InlineData("dev\n", false)]
    [InlineData("../dev", false)]
    public void A_role_is_1_to_32_lower_case_letters_digits_dashes_and_underscores_starting_with_a_letter_or_digit(string role, bool valid) =>
        RoleName.IsValid(role).Should().Be(valid);

    [Theory]
    [InlineData("%0", true)]
    [InlineData("%123456789", true)]
    [InlineData("%1234567890", false)]
    [InlineData("%", false)]
    [InlineData("3", false)]
    [InlineData("%3a", false)]
    [InlineData("%٣", false)]
    [InlineData("%3\n", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_pane_id_is_a_percent_sign_and_1_to_9_digits(string? pane, bool valid) => PaneId.IsValid(pane).Should().Be(valid);

    [Theory]
    [InlineData("default", true)]
    [InlineData("My_Team-2", true)]
    [InlineData("_x", true)]
    [InlineData("-x", false)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("ü", false)]
    [InlineData("x\n", false)]
    public void A_team_is_letters_digits_dashes_and_underscores_not_starting_with_a_dash(string team, bool valid) =>
        TeamName.IsValid(team).Should().Be(valid);

    [Fact]
    public void A_team_name_is_at_most_64_characters()
    {
        TeamName.IsValid(new string('a', 64)).Should().BeTrue();
        TeamName.IsValid(new string('a', 65)).Should().BeFalse();
    }
}
