using System.Text.Json.Nodes;
using SessionBridge.Setup;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Setup;

/// <summary>
/// `session-bridge install` / `uninstall` wire our hook into ~/.claude/settings.json of a temporary HOME on
/// every event of <see cref="HookEvents.All"/>: everything else kept, once however often it runs, backed up,
/// and removed cleanly. (The bytes themselves: <see cref="SettingsBytesSpecs"/>.)
/// </summary>
public sealed class ClaudeSettingsSpecs : ClaudeSettingsRig
{
    [Fact(Timeout = Timeouts.Spec)]
    public async Task Install_wires_every_event_with_its_matcher_and_a_short_timeout_but_PermissionRequest_above_the_longest_decision_wait()
    {
        // Arrange: what settings.json must hold, written out here rather than read from the list install uses, so
        // a change to that list shows up as a failing spec. Matchers as Claude Code's hooks reference defines
        // them: SessionStart matches its source, the tool events the tool name; the others take none here.
        (string Event, string? Matcher, int Timeout)[] expected =
        [
            ("SessionStart", "startup|resume|clear|compact", 15),
            ("UserPromptSubmit", null, 5),
            ("PreToolUse", "*", 5),
            ("PermissionRequest", "*", 1815),
            ("PostToolUse", "*", 5),
            ("PostToolUseFailure", "*", 5),
            ("Notification", null, 5),
            ("Stop", null, 5),
            ("StopFailure", null, 5),
            ("SessionEnd", null, 5),
            ("PreCompact", null, 5),
            ("PostCompact", null, 5),
        ];

        // Act
        var result = await Cli.RunAsync("install", "--hook", HookPath);

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        var hooks = Read()["hooks"]!.AsObject();
        var wired = hooks.Select(p =>
        {
            var group = p.Value!.AsArray().Should().ContainSingle().Subject!.AsObject();
            var hook = group["hooks"]!.AsArray().Should().ContainSingle().Subject!;
            hook["command"]!.GetValue<string>().Should().Be(HookPath);
            hook["type"]!.GetValue<string>().Should().Be("command");
            return (p.Key, group["matcher"]?.GetValue<string>(), hook["timeout"]!.GetValue<int>());
        });
        wired.Should().Equal(expected);
        // A supervised peer's PermissionRequest hook waits for its supervisor: Claude Code must not kill it first.
        expected.Single(e => e.Event == "PermissionRequest").Timeout.Should().BeGreaterThan(SessionBridge.Supervision.DecisionWait.MaxSeconds);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Installing_keeps_every_other_setting_and_hook_and_backs_the_file_up()
    {
        // Arrange
        Write(Existing);

        // Act
        var result = await Cli.RunAsync("install", "--hook", HookPath);

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().StartWith("Added the session-bridge hook to " + SettingsPath).And.Contain("The previous file is saved as");
        var settings = Read();
        settings["model"]!.GetValue<string>().Should().Be("opus");
        Commands(settings, "SessionStart").Should().Equal("/usr/local/bin/greet", HookPath);
        Commands(settings, "PreToolUse").Should().Equal("/usr/local/bin/guard", HookPath);
        var backups = Directory.GetFiles(SettingsDirectory, "settings.json.bak-*");
        backups.Should().ContainSingle().Which.Should().Match(b => File.ReadAllText(b) == Existing);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Installing_twice_changes_nothing_the_second_time()
    {
        // Arrange
        Write(Existing);
        (await Cli.RunAsync("install", "--hook", HookPath)).ExitCode.Should().Be(0);
        var first = File.ReadAllBytes(SettingsPath);

        // Act
        var second = await Cli.RunAsync("install", "--hook", HookPath);

        // Assert
        second.ExitCode.Should().Be(0);
        second.StandardOutput.Should().Contain("nothing changed");
        File.ReadAllBytes(SettingsPath).Should().Equal(first);
        Directory.GetFiles(SettingsDirectory, "settings.json.bak-*").Should().ContainSingle("no change, no backup");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Install_allow_tools_adds_our_permission_rule_beside_the_users_own_once()
    {
        // Arrange
        Write(Existing);
        var settings = new ClaudeSettings(SettingsPath);
        settings.AllowsOurTools().Should().BeFalse();

        // Act
        var first = await Cli.RunAsync("install", "--hook", HookPath, "--allow-tools");
        var afterFirst = File.ReadAllBytes(SettingsPath);
        var second = await Cli.RunAsync("install", "--hook", HookPath, "--allow-tools");

        // Assert
        first.ExitCode.Should().Be(0, first.StandardError);
        first.StandardOutput.Should().Contain("Added mcp__session-bridge to permissions.allow");
        Read()["permissions"]!["allow"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("Bash(git status)", "mcp__session-bridge");
        settings.AllowsOurTools().Should().BeTrue();
        second.ExitCode.Should().Be(0, second.StandardError);
        second.StandardOutput.Should().Contain("nothing changed");
        File.ReadAllBytes(SettingsPath).Should().Equal(afterFirst);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Uninstall_takes_the_permission_rule_out_and_keeps_the_users_rules()
    {
        // Arrange
        Write(Existing);
        (await Cli.RunAsync("install", "--hook", HookPath, "--allow-tools")).ExitCode.Should().Be(0);

        // Act
        var result = await Cli.RunAsync("uninstall");

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().Contain("mcp__session-bridge permission rule");
        Read()["permissions"]!["allow"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("Bash(git status)");
        new ClaudeSettings(SettingsPath).AllowsOurTools().Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Install_without_allow_tools_leaves_permissions_alone()
    {
        // Arrange
        Write(Existing);

        // Act
        (await Cli.RunAsync("install", "--hook", HookPath)).ExitCode.Should().Be(0);

        // Assert
        Read()["permissions"]!["allow"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("Bash(git status)");
        new ClaudeSettings(SettingsPath).AllowsOurTools().Should().BeFalse();
    }

    [Theory]
    [InlineData("""{ "permissions": { "allow": ["mcp__session-bridge"] } }""", true)]
    [InlineData("""{ "permissions": { "allow": ["mcp__session-bridge__*"] } }""", true)]
    [InlineData("""{ "permissions": { "allow": ["mcp__session-bridge__send"] } }""", false)]
    [InlineData("""{ "permissions": { "deny": ["mcp__session-bridge"] } }""", false)]
    [InlineData("""{ "permissions": """, false)]
    public void AllowsOurTools_is_true_only_for_a_rule_that_allows_every_tool(string text, bool allowed)
    {
        // Arrange
        Write(text);

        // Act / Assert
        new ClaudeSettings(SettingsPath).AllowsOurTools().Should().Be(allowed);
    }

    [Fact]
    public void Installing_from_a_new_path_replaces_our_old_entries_instead_of_adding_more()
    {
        // Arrange
        var settings = new ClaudeSettings(SettingsPath);
        settings.Install("/old/place/session-bridge-hook", DateTimeOffset.UtcNow);

        // Act
        var change = settings.Install("/new/place/session-bridge-hook", DateTimeOffset.UtcNow.AddSeconds(1));

        // Assert
        change.Summary.Should().StartWith("Updated");
        foreach (var wanted in HookEvents.All)
            Commands(Read(), wanted.Name).Should().Equal("/new/place/session-bridge-hook");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Someone_with_the_SessionStart_only_hook_is_upgraded_by_installing_again()
    {
        // Arrange: what the SessionStart-only version wrote (pretty-printed, no record beside it).
        Write(
            "{\n  \"model\": \"opus\",\n  \"hooks\": {\n    \"SessionStart\": [\n      {\n        \"matcher\": \"startup|resume|clear|compact\",\n"
                + $"        \"hooks\": [\n          {{\n            \"type\": \"command\",\n            \"command\": \"{HookPath}\",\n"
                + "            \"timeout\": 15\n          }\n        ]\n      }\n    ]\n  }\n}\n"
        );
        var before = new ClaudeSettings(SettingsPath).Read();

        // Act
        var install = await Cli.RunAsync("install", "--hook", HookPath);
        var uninstall = await Cli.RunAsync("uninstall");

        // Assert
        before.Missing.Select(e => e.Name).Should().Equal(HookEvents.All.Skip(1).Select(e => e.Name));
        install.StandardOutput.Should().Contain($"on {HookEvents.All.Count - 1} events");
        uninstall.ExitCode.Should().Be(0, uninstall.StandardError);
        File.ReadAllText(SettingsPath).Should().Be("{\n  \"model\": \"opus\"\n}\n", "the old version's hooks object held only our hook");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Uninstalling_takes_our_hook_out_of_a_group_it_shares_and_leaves_the_rest()
    {
        // Arrange
        Write($$$"""{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"/usr/bin/true"},{"type":"command","command":"'{{{HookPath}}}' --quiet"}]}]}}""");

        // Act
        var result = await Cli.RunAsync("uninstall");

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        File.ReadAllText(SettingsPath).Should().Be("""{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"/usr/bin/true"}]}]}}""");
    }
}
