using System.Text.Json.Nodes;
using SessionBridge.Setup;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Setup;

/// <summary>
/// settings.json as a file while install and uninstall change it: its backups, mode and symbolic link, a file
/// that is corrupt or a hook that is missing, a hook path with spaces, and the example in hooks/.
/// </summary>
public sealed class SettingsFileSpecs : ClaudeSettingsRig
{
    [Fact]
    public void Only_the_last_five_backups_are_kept()
    {
        // Arrange
        Write(Existing);
        var settings = new ClaudeSettings(SettingsPath);
        var start = DateTimeOffset.UtcNow;

        // Act: each run moves the hook, so each changes the file and backs it up first.
        for (var i = 0; i < 8; i++)
            settings.Install($"/place{i}/session-bridge-hook", start.AddSeconds(i));

        // Assert
        var backups = Directory.GetFiles(SettingsDirectory, "settings.json.bak-*").Order(StringComparer.Ordinal).ToList();
        backups.Should().HaveCount(SettingsFile.BackupsKept);
        File.ReadAllText(backups[0]).Should().Contain("/place2/session-bridge-hook");
        File.ReadAllText(backups[^1]).Should().Contain("/place6/session-bridge-hook");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_file_keeps_its_mode_and_a_symbolic_link_stays_a_link()
    {
        // Arrange: dotfiles keep settings.json elsewhere and link it in.
        Directory.CreateDirectory(SettingsDirectory);
        var real = Path.GetFullPath(Path.Combine(SettingsDirectory, "..", "dotfiles-settings.json"));
        File.WriteAllText(real, Existing);
        File.SetUnixFileMode(real, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.CreateSymbolicLink(SettingsPath, real);

        // Act
        (await Cli.RunAsync("install", "--hook", HookPath)).ExitCode.Should().Be(0);

        // Assert
        new FileInfo(SettingsPath).LinkTarget.Should().Be(real);
        File.GetUnixFileMode(real).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Commands(Read(), "Stop").Should().Equal(HookPath);
    }

    [Fact]
    public void A_hook_path_with_spaces_is_quoted_for_the_shell_and_still_recognised_as_ours()
    {
        // Arrange
        var settings = new ClaudeSettings(SettingsPath);

        // Act
        settings.Install("/opt/my tools/session-bridge-hook", DateTimeOffset.UtcNow);
        var wiring = settings.Read();

        // Assert
        Commands(Read(), "Stop").Should().Equal("'/opt/my tools/session-bridge-hook'");
        wiring.Programs.Should().Equal("/opt/my tools/session-bridge-hook");
        wiring.Missing.Should().BeEmpty();
        wiring.Outdated.Should().BeEmpty();
    }

    [Fact]
    public void The_example_in_hooks_is_what_install_writes()
    {
        // Arrange
        var example = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "hooks", "settings.example.json"));

        // Act
        new ClaudeSettings(SettingsPath).Install("/home/you/.local/share/session-bridge/bin/session-bridge-hook", DateTimeOffset.UtcNow);

        // Assert
        File.ReadAllText(SettingsPath).Should().Be(example);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_corrupt_settings_file_is_an_error_and_is_left_as_it_was()
    {
        // Arrange
        Write("{ \"model\": \"opus\", oops }");

        // Act
        var result = await Cli.RunAsync("install", "--hook", HookPath);

        // Assert
        result.ExitCode.Should().NotBe(0);
        (result.StandardOutput + result.StandardError).Should().Contain("settings.json").And.Contain("not valid JSON");
        File.ReadAllText(SettingsPath).Should().Be("{ \"model\": \"opus\", oops }");
        Directory.GetFiles(SettingsDirectory).Should().ContainSingle();
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
}
