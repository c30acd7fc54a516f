using SessionBridge.Screens;

namespace SessionBridge.Tests.Screens;

/// <summary>Every labelled screen of real Claude Code under Fixtures/ is read as its label says.</summary>
public sealed class FixtureScreenSpecs
{
    public static TheoryData<LabelledScreen> Screens() => new(LabelledScreen.All());

    [Fact]
    public void The_fixtures_ship_with_the_repository()
    {
        // Regression: the 2.1.328 screens were read from ../shared, which a user's clone does not have.
        LabelledScreen.All().Select(s => s.ToString()).Should().Contain(["screens-2.1.328-160x45/idle-fresh.txt", "screens-2.1.328-160x45/permission-bash.txt", "screens-2.1.328-160x45/plan-approval.txt"]);
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public void Each_labelled_screen_is_classified_as_labelled(LabelledScreen screen)
    {
        // Act
        var reading = ScreenClassifier.Classify(screen.Screen);

        // Assert
        var because = $"{screen} was read by rule '{reading.Rule}' from:\n{string.Join('\n', reading.Matched)}";
        reading.State.ToWireName().Should().Be(screen.State, because);
        if (screen.Heading is not null)
            reading.Heading.Should().Be(screen.Heading, because);
        if (screen.Options is not null)
            reading.Options.Select(o => o.Label).Should().Equal(screen.Options, because);
        if (screen.Selected is not null)
        {
            reading.SelectedOption.Should().NotBeNull(because);
            reading.SelectedOption!.Number.Should().Be(screen.Selected, because);
        }
        if (screen.Question is not null)
            reading.Question.Should().Be(screen.Question, because);
        reading.Matched.Should().NotBeEmpty(because);
    }
}
