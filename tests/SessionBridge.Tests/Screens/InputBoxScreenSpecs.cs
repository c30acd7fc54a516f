using SessionBridge.Screens;
using static SessionBridge.Tests.Screens.ClaudeScreens;

namespace SessionBridge.Tests.Screens;

/// <summary>
/// Screens built line by line around the input box: busy under a spinner, idle with a draft or a session's
/// name on its top rule, and screens that are not Claude Code at all.
/// </summary>
public sealed class InputBoxScreenSpecs
{
    [Fact]
    public void A_spinner_above_the_input_box_is_busy_even_without_the_footer_hint()
    {
        // Arrange
        var screen = Screen(["❯ write the tests", "", "✽ Percolating… (12s · ↑ 1.2k tokens · thinking)", "", .. IdleBox("  ⏵⏵ accept edits on")]);

        // Act
        var reading = ScreenClassifier.Classify(screen);

        // Assert
        reading.State.Should().Be(ScreenState.Busy);
        reading.Rule.Should().Contain("spinner");
        reading.Matched.Should().ContainSingle().Which.Should().Contain("Percolating");
    }

    [Fact]
    public void A_draft_in_the_input_box_is_still_idle()
    {
        // Arrange
        var screen = Screen("● Done.", "", Rule, "❯" + Nbsp + "1. half typed note", Rule, "  ? for shortcuts");

        // Act
        var reading = ScreenClassifier.Classify(screen);

        // Assert
        reading.State.Should().Be(ScreenState.Idle);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dev@box:~/shop$ ")]
    [InlineData("dev@box:~/shop$ ls\nsrc  tests  README.md\ndev@box:~/shop$ ")]
    public void A_screen_that_is_not_Claude_Code_is_unknown(string screen)
    {
        // Act
        var reading = ScreenClassifier.Classify(screen);

        // Assert
        reading.State.Should().Be(ScreenState.Unknown);
        reading.Options.Should().BeEmpty();
    }

    [Fact]
    public void A_session_started_with_a_name_shows_it_on_the_input_box_top_rule_and_reads_as_idle()
    {
        // Arrange: claude --name dev draws " dev " at the right end of the box's top rule
        var screen = Screen(new string('─', 74) + " dev ─", "❯" + Nbsp, Rule, "  ⏸ manual mode on · ? for shortcuts");

        // Act
        var reading = ScreenClassifier.Classify(screen);
        var box = PromptBox.Read(screen);

        // Assert
        reading.State.Should().Be(ScreenState.Idle);
        box.Should().NotBeNull();
        box!.Name.Should().Be("dev");
        box.HasDraft.Should().BeFalse();
    }

    [Fact]
    public void A_draft_under_a_named_rule_is_still_a_draft()
    {
        // Arrange
        var screen = Screen(new string('─', 69) + " reviewer ─", "❯" + Nbsp + "half-typed note", Rule, "  ⏸ manual mode on");

        // Act
        var box = PromptBox.Read(screen);

        // Assert
        box.Should().NotBeNull();
        box!.Name.Should().Be("reviewer");
        box.Input.Should().Be("half-typed note");
        box.HasDraft.Should().BeTrue();
    }

    [Fact]
    public void A_heading_set_between_dashes_is_not_a_named_rule()
    {
        // Arrange: output that draws a title between runs of dashes on both sides
        var screen = Screen(
            new string('─', 30) + " Summary " + new string('─', 30),
            "❯" + Nbsp,
            Rule,
            "  ⏸ manual mode on"
        );

        // Act
        var box = PromptBox.Read(screen);
        var reading = ScreenClassifier.Classify(screen);

        // Assert
        box.Should().BeNull();
        reading.State.Should().Be(ScreenState.Unknown);
    }
}
