using SessionBridge.Team;

namespace SessionBridge.Tests.Team;

/// <summary>
/// The team file a person writes by hand: JSON with comments and trailing commas, <c>@path</c> briefings read
/// whole, defaults for what it leaves out, and errors that name the file, the line and column, and the field.
/// </summary>
public sealed class TeamFileSpecs : IDisposable
{
    private readonly TempDirectory _root = new("team");

    private string Folder => _root.Combine("shop");

    private string FilePath => Path.Combine(Folder, TeamFile.FileName);

    private string Write(string text)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(FilePath, text);
        return FilePath;
    }

    private TeamFileException LoadFails(string text)
    {
        Write(text);
        var load = () => TeamFile.Load(FilePath);
        return load.Should().Throw<TeamFileException>().Which;
    }

    private void ShouldPoint(TeamFileException error, int line, int column, string field)
    {
        error.Message.Should().StartWith($"{FilePath}, line {line}, column {column}: {field}: ");
        error.Path.Should().Be(FilePath);
        (error.Line, error.Column, error.Field).Should().Be((line, column, field));
        error.Code.Should().Be(ErrorCode.InvalidArgument);
    }

    [Fact]
    public void I_can_load_a_hand_written_team_file_with_comments_and_trailing_commas()
    {
        // Arrange
        Directory.CreateDirectory(_root.Combine("api"));
        Write("""
            {
              "$schema": "./session-bridge.schema.json", // editors only
              "name": "shop",                 // the tmux session
              "layout": "tiled",
              /* how to start Claude Code */
              "command": "/opt/claude/bin/claude",
              "env": { "SHOP_ENV": "dev", },
              "roles": {
                "gestor":   { "briefing": "You coordinate.", "supervises": ["dev", "reviewer",], },
                "dev":      { "worktree": true, "permissionMode": "acceptEdits", },
                "reviewer": { "agent": "reviewer", "cwd": "../api", "model": "opus", "args": ["--verbose"], "env": { "LEVEL": "strict" }, "command": "claude-next" },
              },
            }
            """);

        // Act
        var team = TeamFile.Load(FilePath);

        // Assert
        team.Name.Should().Be("shop");
        team.Layout.Should().Be(TeamLayout.Tiled);
        team.Command.Should().Be("/opt/claude/bin/claude");
        team.Env.Should().Equal(new Dictionary<string, string> { ["SHOP_ENV"] = "dev" });
        team.Folder.Should().Be(Folder);
        team.FilePath.Should().Be(FilePath);
        team.Roles.Select(r => r.Role.Value).Should().Equal("gestor", "dev", "reviewer");

        var gestor = team.Roles[0];
        gestor.Briefing.Should().Be("You coordinate.");
        gestor.Supervises.Select(r => r.Value).Should().Equal("dev", "reviewer");
        gestor.Cwd.Should().Be(Folder);
        gestor.Worktree.Should().BeFalse();
        gestor.Command.Should().BeNull();

        var dev = team.Roles[1];
        dev.Briefing.Should().BeNull();
        dev.Worktree.Should().BeTrue();
        dev.PermissionMode.Should().Be("acceptEdits");

        var reviewer = team.Roles[2];
        reviewer.Agent.Should().Be("reviewer");
        reviewer.Cwd.Should().Be(_root.Combine("api"));
        reviewer.Model.Should().Be("opus");
        reviewer.Args.Should().Equal("--verbose");
        reviewer.Env.Should().Equal(new Dictionary<string, string> { ["LEVEL"] = "strict" });
        reviewer.Command.Should().Be("claude-next");
    }

    [Fact]
    public void What_the_file_leaves_out_takes_the_defaults_and_the_name_comes_from_the_folder()
    {
        // Arrange: a folder name tmux could not take as it is
        var folder = Directory.CreateDirectory(_root.Combine("my shop.v2")).FullName;
        var path = Path.Combine(folder, TeamFile.FileName);
        File.WriteAllText(path, """{ "roles": { "dev": {} } }""");

        // Act
        var team = TeamFile.Load(path);

        // Assert
        team.Name.Should().Be("my-shop-v2");
        team.Layout.Should().Be(TeamLayout.Windows);
        team.Command.Should().Be("claude");
        team.Env.Should().BeEmpty();
        var dev = team.Roles.Should().ContainSingle().Which;
        dev.Cwd.Should().Be(folder);
        (dev.Briefing, dev.Agent, dev.PermissionMode, dev.Model, dev.Command).Should().Be((null, null, null, null, null));
        dev.Args.Should().BeEmpty();
        dev.Supervises.Should().BeEmpty();
    }

    [Fact]
    public void An_at_path_briefing_is_read_from_a_file_beside_the_team_file_whole_even_at_20_KB()
    {
        // Arrange: cutting a long briefing is the SessionStart hook's job, not the loader's
        var briefing = "# dev\n\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"Line {i:D4} of dev's briefing: keep it whole.\n"));
        briefing.Length.Should().BeGreaterThan(20_000);
        Directory.CreateDirectory(Path.Combine(Folder, "briefings"));
        File.WriteAllText(Path.Combine(Folder, "briefings", "dev.md"), briefing);
        Write("""{ "roles": { "dev": { "briefing": "@briefings/dev.md" }, "gestor": { "briefing": "Plain text." } } }""");

        // Act
        var team = TeamFile.Load(FilePath);

        // Assert
        team.Roles[0].Briefing.Should().Be(briefing);
        team.Roles[1].Briefing.Should().Be("Plain text.");
    }

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

    [Fact]
    public void Find_gives_the_team_file_of_a_folder_or_null()
    {
        // Arrange
        var empty = Directory.CreateDirectory(_root.Combine("empty")).FullName;
        Write("""{ "roles": { "dev": {} } }""");

        // Act / Assert
        TeamFile.Find(Folder).Should().Be(FilePath);
        TeamFile.Find(empty).Should().BeNull();
    }

    [Fact]
    public void The_default_team_is_the_original_loop_with_briefings_that_name_the_tools()
    {
        // Act
        var team = TeamFile.Default(Folder);

        // Assert
        team.Name.Should().Be("shop");
        team.FilePath.Should().BeNull();
        team.Layout.Should().Be(TeamLayout.Windows);
        team.Command.Should().Be("claude");
        team.Roles.Select(r => r.Role.Value).Should().Equal("gestor", "dev", "reviewer");
        team.Roles[0].Supervises.Select(r => r.Value).Should().Equal("dev", "reviewer");
        team.Roles.Should().AllSatisfy(r => r.Cwd.Should().Be(Folder));
        team.Roles[0].Briefing.Should().Contain("person").And.Contain("send").And.Contain("inbox").And.Contain("wait_for");
        team.Roles[1].Briefing.Should().Contain("reviewer").And.Contain("send").And.Contain("inbox");
        team.Roles[2].Briefing.Should().Contain("gestor").And.Contain("send").And.Contain("wait_for");
    }

    [Fact]
    public void The_starter_file_loads_as_the_default_team()
    {
        // Arrange
        Write(TeamFile.StarterText());

        // Act
        var team = TeamFile.Load(FilePath);

        // Assert
        var defaults = TeamFile.Default(Folder);
        team.Name.Should().Be(defaults.Name);
        team.Layout.Should().Be(defaults.Layout);
        team.Roles.Select(r => (r.Role, r.Briefing, r.Cwd, string.Join(",", r.Supervises), r.PermissionMode))
            .Should().Equal(defaults.Roles.Select(r => (r.Role, r.Briefing, r.Cwd, string.Join(",", r.Supervises), r.PermissionMode)));
    }

    [Fact]
    public void The_starter_file_points_at_the_schema_installed_beside_the_program()
    {
        // Act
        var text = TeamFile.StarterText();

        // Assert
        var schema = Path.Combine(AppContext.BaseDirectory, TeamFile.SchemaFileName);
        text.Should().Contain($"\"$schema\": \"{schema}\"");
        File.Exists(schema).Should().BeTrue("the program's build copies the schema beside it");
    }

    public void Dispose() => _root.Dispose();
}
