using SessionBridge.Team;

namespace SessionBridge.Tests.Team;

/// <summary>
/// The team file a person writes by hand: JSON with comments and trailing commas, <c>@path</c> briefings read
/// whole, defaults for what it leaves out, the default team and the starter file.
/// </summary>
public sealed class TeamFileSpecs : TeamFileRig
{
    [Fact]
    public void I_can_say_the_person_supervises_a_role()
    {
        // Arrange
        Write("""{ "roles": { "gestor": {}, "dev": { "supervisor": "person", "permissionMode": "default" } } }""");

        // Act
        var team = TeamFile.Load(FilePath);

        // Assert
        team.Roles.Select(r => (r.Role.Value, r.SupervisedByPerson)).Should().Equal(("gestor", false), ("dev", true));
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
}
