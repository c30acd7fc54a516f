using SessionBridge.Team;

namespace SessionBridge.Tests.Team;

/// <summary>
/// A team file that is wrong says so: errors that name the file, the line and column, and the field, and what
/// was meant where it can tell.
/// </summary>
public sealed class TeamFileErrorSpecs : TeamFileRig
{
    [Fact]
    public void An_unknown_key_names_its_line_column_and_field_and_the_key_meant()
    {
        // Act
        var error = LoadFails("""
            {
              "roles": {
                "dev": { "permisionMode": "plan" }
              }
            }
            """);

        // Assert
        ShouldPoint(error, 3, 14, "roles.dev.permisionMode");
        error.Message.Should().Contain("unknown key").And.Contain("Did you mean \"permissionMode\"?").And.Contain("briefing, agent, worktree");
    }

    [Fact]
    public void An_unknown_key_at_the_top_is_an_error_too()
    {
        // Act
        var error = LoadFails("""
            {
              "team": "shop",
              "roles": { "dev": {} }
            }
            """);

        // Assert
        ShouldPoint(error, 2, 3, "team");
        error.Message.Should().Contain("unknown key").And.Contain("name, layout, command, env, roles");
    }

    [Theory]
    [InlineData("""{ "roles": { "dev": { "worktree": "yes" } } }""", 1, 35, "roles.dev.worktree", "must be true or false (without quotes), not the text \"yes\"")]
    [InlineData("""{ "roles": { "dev": { "args": "--verbose" } } }""", 1, 31, "roles.dev.args", "must be a list of texts")]
    [InlineData("""{ "roles": { "dev": { "args": ["--debug", 3] } } }""", 1, 43, "roles.dev.args", "not the number 3")]
    [InlineData("""{ "env": { "PORT": 8080 }, "roles": { "dev": {} } }""", 1, 20, "env.PORT", "must be a text (write numbers and true/false in quotes)")]
    [InlineData("""{ "roles": { "dev": "You write code." } }""", 1, 21, "roles.dev", "must be an object")]
    [InlineData("""{ "layout": "grid", "roles": { "dev": {} } }""", 1, 13, "layout", "\"grid\" is not a layout")]
    [InlineData("""{ "roles": { "dev": { "permissionMode": "yolo" } } }""", 1, 41, "roles.dev.permissionMode", "\"yolo\" is not a permission mode")]
    [InlineData("""{ "name": "my shop", "roles": { "dev": {} } }""", 1, 11, "name", "cannot name the tmux session")]
    [InlineData("""{ "roles": { "dev": { "args": ["--session-id", "x"] } } }""", 1, 32, "roles.dev.args", "--session-id is set by session-bridge up itself")]
    [InlineData("""{ "roles": { "dev": { "model": "" } } }""", 1, 32, "roles.dev.model", "is empty")]
    public void A_value_of_the_wrong_kind_names_its_line_column_and_field(string text, int line, int column, string field, string words)
    {
        // Act
        var error = LoadFails(text);

        // Assert
        ShouldPoint(error, line, column, field);
        error.Message.Should().Contain(words);
    }

    [Fact]
    public void Invalid_JSON_is_told_in_plain_words_with_its_line_and_column()
    {
        // Act: a missing comma after line 2
        var error = LoadFails("""
            {
              "name": "shop"
              "roles": { "dev": {} }
            }
            """);

        // Assert
        error.Message.Should().StartWith($"{FilePath}, line 3, column 3: ");
        error.Message.Should().Contain("not valid JSON").And.Contain("comma");
        error.Message.Should().NotContainAny("LineNumber", "BytePosition", "Path: $", "'\"'", "is invalid after");
    }

    [Fact]
    public void A_file_cut_short_says_so()
    {
        // Act
        var error = LoadFails("{\n  \"roles\": { \"dev\": {}\n");

        // Assert
        error.Message.Should().StartWith($"{FilePath}, line 3, column 1: ");
        error.Message.Should().Contain("ends before every { or [ is closed");
        error.Message.Should().NotContainAny("ZeroDepthAtEnd", "LineNumber", "depth");
    }

    [Fact]
    public void A_missing_briefing_file_names_the_file_it_looked_for()
    {
        // Act
        var error = LoadFails("""
            {
              "roles": {
                "dev": { "briefing": "@briefings/dev.md" }
              }
            }
            """);

        // Assert
        ShouldPoint(error, 3, 26, "roles.dev.briefing");
        error.Message.Should().Contain("\"briefings/dev.md\" does not exist").And.Contain(Path.Combine(Folder, "briefings", "dev.md"));
    }

    [Fact]
    public void A_missing_cwd_folder_names_the_folder_it_looked_for()
    {
        // Act
        var error = LoadFails("""{ "roles": { "reviewer": { "cwd": "../api" } } }""");

        // Assert
        ShouldPoint(error, 1, 35, "roles.reviewer.cwd");
        error.Message.Should().Contain(_root.Combine("api"));
    }

    [Fact]
    public void A_role_name_that_is_not_valid_names_its_line_and_the_rule()
    {
        // Act
        var error = LoadFails("""
            {
              "roles": {
                "dev": {},
                "Code Reviewer": {}
              }
            }
            """);

        // Assert
        ShouldPoint(error, 4, 5, "roles.Code Reviewer");
        error.Message.Should().Contain("is not a valid role name").And.Contain("a-z, 0-9, '-' and '_'");
    }

    [Fact]
    public void Supervises_naming_no_role_of_the_team_names_the_item()
    {
        // Act
        var error = LoadFails("""
            {
              "roles": {
                "gestor": { "supervises": ["dev", "qa"] },
                "dev": {}
              }
            }
            """);

        // Assert
        ShouldPoint(error, 3, 39, "roles.gestor.supervises");
        error.Message.Should().Contain("\"qa\" is no role of this team").And.Contain("gestor, dev");
    }

    [Fact]
    public void A_supervisor_other_than_the_person_is_refused_and_points_to_supervises()
    {
        // Act
        var error = LoadFails("""
            {
              "roles": {
                "dev": { "supervisor": "gestor" },
                "gestor": {}
              }
            }
            """);

        // Assert
        ShouldPoint(error, 3, 28, "roles.dev.supervisor");
        error.Message.Should().Contain("\"supervisor\" takes only \"person\"").And.Contain("\"supervises\"");
    }

    [Fact]
    public void A_role_supervised_by_the_person_and_listed_in_supervises_is_refused_it_has_one_supervisor()
    {
        // Act
        var error = LoadFails("""
            {
              "roles": {
                "gestor": { "supervises": ["dev"] },
                "dev": { "supervisor": "person" }
              }
            }
            """);

        // Assert
        ShouldPoint(error, 3, 32, "roles.gestor.supervises");
        error.Message.Should().Contain("\"dev\" already has \"supervisor\": \"person\"");
    }

    [Fact]
    public void A_role_given_twice_is_an_error_not_a_silent_overwrite()
    {
        // Act
        var error = LoadFails("""{ "roles": { "dev": {}, "dev": { "worktree": true } } }""");

        // Assert
        ShouldPoint(error, 1, 25, "roles.dev");
        error.Message.Should().Contain("given twice");
    }

    [Theory]
    [InlineData("""{ "name": "shop" }""", 1, 1, "missing")]
    [InlineData("""{ "name": "shop", "roles": {} }""", 1, 28, "no roles")]
    public void A_team_without_roles_is_an_error(string text, int line, int column, string words)
    {
        // Act
        var error = LoadFails(text);

        // Assert
        ShouldPoint(error, line, column, "roles");
        error.Message.Should().Contain(words);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        // Act
        var load = () => TeamFile.Load(FilePath);

        // Assert
        load.Should().Throw<TeamFileException>().WithMessage($"{FilePath} does not exist.");
    }
}
