using SessionBridge.Setup;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Setup;

/// <summary>
/// `session-bridge doctor` reads settings.json the way install does: it names every event the hook is missing
/// from, and its fixes are commands that run as printed, with the real path of this session-bridge.
/// </summary>
public sealed class DoctorHookSpecs : IDisposable
{
    private readonly TempDirectory _home = new("home");
    private readonly TempDirectory _state = new("state");

    private string SettingsPath => Path.Combine(_home.Path, ".claude", "settings.json");

    private CliProcess Cli => new(_state.Path, _home.Path);

    private static string InstallFix => $"fix: {BuiltExecutables.Server} install";

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Doctor_names_each_event_the_hook_is_missing_from_and_the_command_that_fixes_it()
    {
        // Arrange: the SessionStart-only wiring of an earlier version.
        new ClaudeSettings(SettingsPath).Install(BuiltExecutables.Hook, DateTimeOffset.UtcNow);
        var text = File.ReadAllText(SettingsPath);
        foreach (var other in HookEvents.All.Skip(1))
        {
            var start = text.IndexOf($",\n    \"{other.Name}\": [", StringComparison.Ordinal);
            var end = text.IndexOf("\n    ]", start, StringComparison.Ordinal) + "\n    ]".Length;
            text = text.Remove(start, end - start);
        }

        File.WriteAllText(SettingsPath, text);

        // Act
        var result = await Cli.RunAsync("doctor");

        // Assert
        result.StandardOutput.Should().Contain($"not wired on {string.Join(", ", HookEvents.All.Skip(1).Select(e => e.Name))}");
        result.StandardOutput.Should().Contain(InstallFix);
        result.StandardOutput.Should().NotContain("hook events: all");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Doctor_agrees_with_install_once_it_has_run()
    {
        // Arrange
        (await Cli.RunAsync("install", "--hook", BuiltExecutables.Hook)).ExitCode.Should().Be(0);

        // Act
        var result = await Cli.RunAsync("doctor");

        // Assert
        result.StandardOutput.Should().Contain($"ok   hook: {BuiltExecutables.Hook}");
        result.StandardOutput.Should().Contain($"ok   hook events: all {HookEvents.All.Count}");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Without_the_hook_or_the_server_doctor_prints_the_real_commands()
    {
        // Act
        var result = await Cli.RunAsync("doctor");

        // Assert
        result.StandardOutput.Should().Contain($"session-bridge-hook is not wired in {SettingsPath} on any event");
        result.StandardOutput.Should().Contain(InstallFix);
        result.StandardOutput.Should().Contain($"fix: claude mcp add session-bridge -s user -- {BuiltExecutables.Server}");
        result.StandardOutput.Should().NotContain("<path to session-bridge>");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_hook_that_is_gone_fails_the_check()
    {
        // Arrange
        new ClaudeSettings(SettingsPath).Install("/gone/session-bridge-hook", DateTimeOffset.UtcNow);

        // Act
        var result = await Cli.RunAsync("doctor");

        // Assert
        result.ExitCode.Should().NotBe(0);
        result.StandardOutput.Should().Contain($"FAIL hook: {SettingsPath} runs /gone/session-bridge-hook, which does not exist");
        result.StandardOutput.Should().Contain(InstallFix);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Install_uninstall_and_doctor_print_plain_English_and_never_markup()
    {
        // Arrange
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        File.WriteAllText(SettingsPath, """{"model":"opus"}""");

        // Act
        var outputs = new List<string>();
        foreach (var command in new[] { new[] { "install", "--hook", BuiltExecutables.Hook }, ["install"], ["doctor"], ["uninstall"], ["uninstall"] })
        {
            var result = await Cli.RunAsync(command);
            outputs.Add(result.StandardOutput + result.StandardError);
        }

        // Assert
        foreach (var output in outputs)
        {
            output.Should().NotContain("[/]").And.NotContain("[green]").And.NotContain("[grey]").And.NotContain("[red]");
            output.Should().NotStartWith("changed").And.NotStartWith("unchanged");
        }

        outputs[0].Should().StartWith("Added the session-bridge hook to ");
        outputs[1].Should().EndWith("nothing changed.\n");
        outputs[3].Should().StartWith("Removed the session-bridge hook from ");
        outputs[4].Should().Be($"{SettingsPath} has no session-bridge hook; nothing changed.\n");
    }

    public void Dispose()
    {
        _home.Dispose();
        _state.Dispose();
    }
}
