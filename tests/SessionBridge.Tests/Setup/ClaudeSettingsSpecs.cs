using System.Text.Json.Nodes;
using SessionBridge.Setup;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Setup;

/// <summary>
/// `session-bridge install` / `uninstall` merge our SessionStart hook into ~/.claude/settings.json of a
/// temporary HOME: everything else kept, once however often it runs, backed up, and removed cleanly.
/// </summary>
public sealed class ClaudeSettingsSpecs : IDisposable
{
    private readonly TempDirectory _home = new("home");
    private readonly TempDirectory _state = new("state");

    private string SettingsPath => Path.Combine(_home.Path, ".claude", "settings.json");

    private static string HookPath => BuiltExecutables.Hook;

    private CliProcess Cli => new(_state.Path, _home.Path);

    private const string Existing = """
        {
          "model": "opus",
          "permissions": { "allow": ["Bash(git status)"] },
          "hooks": {
            "SessionStart": [
              { "matcher": "startup", "hooks": [ { "type": "command", "command": "/usr/local/bin/greet", "timeout": 5 } ] }
            ],
            "PreToolUse": [
              { "matcher": "Bash", "hooks": [ { "type": "command", "command": "/usr/local/bin/guard" } ] }
            ]
          }
        }
        """;

    private JsonObject Read() => JsonNode.Parse(File.ReadAllText(SettingsPath))!.AsObject();

    private static List<string> Commands(JsonObject settings, string hookEvent) =>
        (settings["hooks"]?[hookEvent] as JsonArray ?? [])
            .SelectMany(group => group!["hooks"]!.AsArray())
            .Select(hook => hook!["command"]!.GetValue<string>())
            .ToList();

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Installing_keeps_every_other_setting_and_hook_and_backs_the_file_up()
    {
        // Arrange
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        File.WriteAllText(SettingsPath, Existing);

        // Act
        var result = await Cli.RunAsync("install", "--hook", HookPath);

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().Contain("Added the SessionStart hook").And.Contain("backup:");
        var settings = Read();
        settings["model"]!.GetValue<string>().Should().Be("opus");
        settings["permissions"]!["allow"]![0]!.GetValue<string>().Should().Be("Bash(git status)");
        Commands(settings, "SessionStart").Should().Equal("/usr/local/bin/greet", HookPath);
        Commands(settings, "PreToolUse").Should().Equal("/usr/local/bin/guard");
        var ours = settings["hooks"]!["SessionStart"]![1]!;
        ours["matcher"]!.GetValue<string>().Should().Be("startup|resume|clear|compact");
        ours["hooks"]![0]!["timeout"]!.GetValue<int>().Should().Be(15);
        var backups = Directory.GetFiles(Path.GetDirectoryName(SettingsPath)!, "settings.json.bak-*");
        backups.Should().ContainSingle().Which.Should().Match(b => File.ReadAllText(b) == Existing);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Installing_twice_adds_the_hook_once()
    {
        // Act
        (await Cli.RunAsync("install", "--hook", HookPath)).ExitCode.Should().Be(0);
        var second = await Cli.RunAsync("install", "--hook", HookPath);

        // Assert
        second.ExitCode.Should().Be(0);
        second.StandardOutput.Should().Contain("nothing changed");
        Commands(Read(), "SessionStart").Should().Equal(HookPath);
    }

    [Fact]
    public void Installing_from_a_new_path_replaces_our_old_entry_instead_of_adding_one()
    {
        // Arrange
        var settings = new ClaudeSettings(SettingsPath);
        settings.Install("/old/place/session-bridge-hook", DateTimeOffset.UtcNow);

        // Act
        var change = settings.Install("/new/place/session-bridge-hook", DateTimeOffset.UtcNow.AddSeconds(1));

        // Assert
        change.Summary.Should().StartWith("Updated");
        Commands(Read(), "SessionStart").Should().Equal("/new/place/session-bridge-hook");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Uninstalling_removes_only_our_hook()
    {
        // Arrange
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        File.WriteAllText(SettingsPath, Existing);
        (await Cli.RunAsync("install", "--hook", HookPath)).ExitCode.Should().Be(0);

        // Act
        var result = await Cli.RunAsync("uninstall");

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().Contain("Removed the session-bridge SessionStart hook");
        var settings = Read();
        Commands(settings, "SessionStart").Should().Equal("/usr/local/bin/greet");
        Commands(settings, "PreToolUse").Should().Equal("/usr/local/bin/guard");
        settings["model"]!.GetValue<string>().Should().Be("opus");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Uninstalling_what_install_created_leaves_no_empty_hooks_behind()
    {
        // Arrange
        (await Cli.RunAsync("install", "--hook", HookPath)).ExitCode.Should().Be(0);

        // Act
        (await Cli.RunAsync("uninstall")).ExitCode.Should().Be(0);

        // Assert
        Read().Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_corrupt_settings_file_is_an_error_and_is_left_as_it_was()
    {
        // Arrange
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        File.WriteAllText(SettingsPath, "{ \"model\": \"opus\", oops }");

        // Act
        var result = await Cli.RunAsync("install", "--hook", HookPath);

        // Assert
        result.ExitCode.Should().NotBe(0);
        (result.StandardOutput + result.StandardError).Should().Contain("settings.json").And.Contain("not valid JSON");
        File.ReadAllText(SettingsPath).Should().Be("{ \"model\": \"opus\", oops }");
        Directory.GetFiles(Path.GetDirectoryName(SettingsPath)!).Should().ContainSingle();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Installing_a_hook_that_does_not_exist_is_an_error_that_changes_nothing()
    {
        // Act
        var result = await Cli.RunAsync("install", "--hook", "/nowhere/session-bridge-hook");

        // Assert
        result.ExitCode.Should().NotBe(0);
        (result.StandardOutput + result.StandardError).Should().Contain("/nowhere/session-bridge-hook does not exist");
        File.Exists(SettingsPath).Should().BeFalse();
    }

    public void Dispose()
    {
        _home.Dispose();
        _state.Dispose();
    }
}
