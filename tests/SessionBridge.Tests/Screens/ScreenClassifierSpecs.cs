using SessionBridge.Screens;
using static SessionBridge.Tests.Screens.ClaudeScreens;

namespace SessionBridge.Tests.Screens;

/// <summary>
/// Screens built line by line for the shapes the fixtures do not cover: narrow terminals, menus without
/// numbers, multi-select, and look-alikes that must not be taken for a menu or a question.
/// </summary>
public sealed class ScreenClassifierSpecs
{
    [Fact]
    public void A_permission_prompt_wrapped_at_80_columns_keeps_its_options_and_heading()
    {
        // Arrange
        var screen = Screen(
            "❯ clean the build folder",
            "",
            "● Bash(rm -rf /home/dev/shop/build/artifacts/very/long/path/that/wraps/at/eighty/col",
            "       umns/and/more)",
            Rule,
            " Bash command",
            "",
            "   rm -rf /home/dev/shop/build/artifacts/very/long/path/that/wraps/at/eighty/colu",
            "   mns/and/more",
            "   Remove the build output",
            "",
            " Do you want to proceed?",
            " ❯ 1. Yes",
            "   2. Yes, and don't ask again for rm -rf /home/dev/shop/build/artifacts/very/lon",
            "   g/path commands in /home/dev/shop",
            "   3. No, and tell Claude what to do differently (esc)",
            "",
            " Esc to cancel · Tab to amend"
        );

        // Act
        var reading = ScreenClassifier.Classify(screen);

        // Assert
        reading.State.Should().Be(ScreenState.WaitingSelect);
        reading.Heading.Should().Be("Do you want to proceed?");
        reading.Options.Select(o => o.Number).Should().Equal(1, 2, 3);
        reading.Options[1].Label.Should().StartWith("Yes, and don't ask again");
        reading.Options[2].Label.Should().Be("No, and tell Claude what to do differently (esc)");
        reading.SelectedOption!.Number.Should().Be(1);
    }

    [Fact]
    public void A_menu_without_numbers_is_read_by_its_cursor_siblings_and_footer()
    {
        // Arrange: the folder-trust dialog of some versions
        var screen = Screen(
            " Do you trust the files in this folder?",
            "",
            " /home/dev/shop",
            "",
            " ❯ No, exit",
            "   Yes, I trust this folder",
            "",
            " Enter to confirm · Esc to exit"
        );

        // Act
        var reading = ScreenClassifier.Classify(screen);

        // Assert
        reading.State.Should().Be(ScreenState.WaitingSelect);
        reading.Heading.Should().Be("Do you trust the files in this folder?", "the dialog's question, not the path nearer the options");
        reading.Options.Should().Equal(new MenuOption(null, "No, exit", true), new MenuOption(null, "Yes, I trust this folder", false));
        reading.Rule.Should().Contain("without numbers");
    }

    [Fact]
    public void A_multi_select_menu_reports_labels_without_their_boxes_and_which_are_ticked()
    {
        // Arrange
        var screen = Screen(
            "❯ set up checks",
            Rule,
            " ☐ Checks",
            "",
            "Which checks should CI run?",
            "",
            "❯ 1. [✔] Tests",
            "  2. [ ] Lint",
            "  3. [✔] Format",
            "  4. Submit",
            Rule,
            "Enter to select · ↑/↓ to navigate · Esc to cancel"
        );

        // Act
        var reading = ScreenClassifier.Classify(screen);

        // Assert
        reading.State.Should().Be(ScreenState.WaitingSelect);
        reading.Options.Select(o => o.Label).Should().Equal("Tests", "Lint", "Format", "Submit");
        reading.Options.Select(o => o.Checked).Should().Equal(true, false, true, null);
    }

    [Fact]
    public void A_past_user_turn_that_starts_with_a_number_is_not_a_menu()
    {
        // Arrange
        var screen = Screen(["❯ 1. fix the login bug", "  2. then the signup form", "", "● Done: both fixed.", "", .. IdleBox()]);

        // Act
        var reading = ScreenClassifier.Classify(screen);

        // Assert
        reading.State.Should().Be(ScreenState.Idle);
    }

    [Fact]
    public void A_question_followed_by_a_list_of_choices_is_waiting_text()
    {
        // Arrange
        var screen = Screen(
            [
                "❯ set up the database",
                "",
                "● I can set it up two ways. Which one do you want?",
                "  1. PostgreSQL in Docker",
                "  2. SQLite in a file",
                "",
                .. IdleBox(),
            ]
        );

        // Act
        var reading = ScreenClassifier.Classify(screen);

        // Assert
        reading.State.Should().Be(ScreenState.WaitingText);
        reading.Question.Should().Be("Which one do you want?");
    }

    [Fact]
    public void A_question_wrapped_over_lines_at_80_columns_is_read_whole()
    {
        // Arrange
        var screen = Screen(
            [
                "❯ set up the schema",
                "",
                "● I set up the schema and the seed data. Which port should the service listen",
                "  on, and should it bind to all interfaces?",
                "",
                "✻ Cogitated for 3s · done 7:00 AM",
                "",
                .. IdleBox(),
            ]
        );

        // Act
        var reading = ScreenClassifier.Classify(screen);

        // Assert
        reading.State.Should().Be(ScreenState.WaitingText);
        reading.Question.Should().Be("Which port should the service listen on, and should it bind to all interfaces?");
    }

    [Fact]
    public void An_interrupt_after_the_last_turn_asks_what_to_do_instead()
    {
        // Arrange
        var screen = Screen(["❯ run the migration", "", "● Bash(dotnet ef database update)", "  ⎿" + Nbsp + "Interrupted · What should Claude do instead?", "", .. IdleBox()]);

        // Act
        var reading = ScreenClassifier.Classify(screen);

        // Assert
        reading.State.Should().Be(ScreenState.WaitingText);
        reading.Question.Should().Be("What should Claude do instead?");
        reading.Rule.Should().Contain("interrupt");
    }

    [Fact]
    public void A_question_in_a_tool_output_is_not_a_question_to_answer()
    {
        // Arrange
        var screen = Screen(["❯ grep for it", "", "● Bash(grep -r 'why?' .)", "  ⎿  ./notes.md: why?", "", .. IdleBox()]);

        // Act
        var reading = ScreenClassifier.Classify(screen);

        // Assert
        reading.State.Should().Be(ScreenState.Idle);
    }

    [Fact]
    public void A_menu_high_up_in_scrollback_with_more_output_below_is_not_waiting()
    {
        // Arrange: a numbered list printed by a program, with its own ❯ marker, then plenty of output
        var screen = Screen(
            [
                "Pick one:",
                "❯ 1. alpha",
                "  2. beta",
                .. Enumerable.Range(1, 10).Select(i => $"line {i}"),
                "$ ",
            ]
        );

        // Act
        var reading = ScreenClassifier.Classify(screen);

        // Assert
        reading.State.Should().Be(ScreenState.Unknown);
    }
}
