using System.Text.Json.Nodes;
using SessionBridge.Setup;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Setup;

/// <summary>
/// `session-bridge install` / `uninstall` wire our hook into ~/.claude/settings.json of a temporary HOME on
/// every event of <see cref="HookEvents.All"/>: everything else kept byte for byte, once however often it
/// runs, backed up, and removed cleanly.
/// </summary>
public sealed class ClaudeSettingsSpecs : IDisposable
{
    private readonly TempDirectory _home = new("home");
    private readonly TempDirectory _state = new("state");

    private string SettingsPath => Path.Combine(_home.Path, ".claude", "settings.json");

    private string SettingsDirectory => Path.GetDirectoryName(SettingsPath)!;

    private static string HookPath => HookProcess.ExecutablePath;

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

    /// <summary>The shapes a user's settings.json comes in; install then uninstall must give each back byte for byte.</summary>
    public static TheoryData<string, string?> Shapes =>
        new()
        {
            { "no file at all", null },
            { "empty object", "{}\n" },
            { "compact", """{"model":"opus","env":{"A":"1"},"hooks":{"Stop":[{"hooks":[{"type":"command","command":"/usr/bin/true"}]}]}}""" },
            { "two spaces", "{\n  \"model\": \"opus\",\n  \"permissions\": {\n    \"allow\": [\n      \"Bash(ls)\"\n    ]\n  }\n}\n" },
            { "four spaces", "{\n    \"model\": \"opus\",\n    \"statusLine\": {\n        \"type\": \"command\"\n    }\n}\n" },
            { "tabs and CRLF", "{\r\n\t\"model\": \"opus\",\r\n\t\"env\": {\r\n\t\t\"A\": \"1\"\r\n\t}\r\n}\r\n" },
            { "empty hooks", "{\n  \"model\": \"opus\",\n  \"hooks\": {}\n}\n" },
            { "other tools' hooks under the same events", Existing },
            { "text with escapes and non-ASCII", "{\n  \"note\": \"olá <b> & \\\"quoted\\\" \\u00e9 \\/ 日本\",\n  \"emoji\": \"🚀\"\n}" },
        };

    private JsonObject Read() => JsonNode.Parse(File.ReadAllText(SettingsPath))!.AsObject();

    private static List<string> Commands(JsonObject settings, string hookEvent) =>
        (settings["hooks"]?[hookEvent] as JsonArray ?? [])
            .SelectMany(group => group!["hooks"]!.AsArray())
            .Select(hook => hook!["command"]!.GetValue<string>())
            .ToList();

    private void Write(string text)
    {
        Directory.CreateDirectory(SettingsDirectory);
        File.WriteAllText(SettingsPath, text);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Install_then_uninstall_gives_back_the_same_bytes(string shape, string? original)
    {
        // Arrange
        if (original is not null)
            Write(original);

        // Act
        var install = await Cli.RunAsync("install", "--hook", HookPath);
        var installed = File.ReadAllText(SettingsPath);
        var uninstall = await Cli.RunAsync("uninstall");

        // Assert
        install.ExitCode.Should().Be(0, install.StandardError);
        uninstall.ExitCode.Should().Be(0, uninstall.StandardError);
        Commands(JsonNode.Parse(installed)!.AsObject(), "Stop").Should().Contain(HookPath, shape);
        if (original is null)
            File.Exists(SettingsPath).Should().BeFalse("install created the file and uninstall takes it away again");
        else
            File.ReadAllText(SettingsPath).Should().Be(original, shape);
        File.Exists(SettingsPath + ".session-bridge").Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Install_adds_to_the_text_and_changes_none_of_it(string shape, string? original)
    {
        // Arrange
        if (original is not null)
            Write(original);

        // Act
        (await Cli.RunAsync("install", "--hook", HookPath)).ExitCode.Should().Be(0);

        if (original is null)
        {
            // Assert: a file of our own holds our hooks and nothing else.
            JsonNode.Parse(File.ReadAllText(SettingsPath))!.AsObject().Select(p => p.Key).Should().Equal("hooks");
            return;
        }

        // Assert: every character the user wrote is still there, in order, as written.
        var installed = File.ReadAllText(SettingsPath);
        var at = 0;
        foreach (var c in original)
        {
            at = installed.IndexOf(c, at);
            at.Should().BeGreaterThanOrEqualTo(0, $"{shape}: the user's text survives as written");
            at++;
        }

        installed.Should().NotContain("\\u00E1").And.NotContain("\\u003C");
        if (!original.Contains('\n', StringComparison.Ordinal))
            installed.Should().NotContain("\n", "a one-line file stays on one line");
        var keptHooks = JsonNode.Parse(original)!["hooks"] is not null;
        JsonNode.DeepEquals(Without(JsonNode.Parse(installed)!, keptHooks), JsonNode.Parse(original)).Should().BeTrue(shape);
    }

    [Theory]
    [InlineData("{\n  \"model\": \"opus\"\n}\n", "  ", "\n")]
    [InlineData("{\n    \"model\": \"opus\"\n}\n", "    ", "\n")]
    [InlineData("{\r\n\t\"model\": \"opus\"\r\n}\r\n", "\t", "\r\n")]
    public async Task What_install_adds_is_indented_like_the_file(string original, string unit, string newLine)
    {
        // Arrange
        Write(original);

        // Act
        (await Cli.RunAsync("install", "--hook", HookPath)).ExitCode.Should().Be(0);

        // Assert
        var lines = File.ReadAllText(SettingsPath).Split(newLine);
        lines.Should().HaveCountGreaterThan(40).And.OnlyContain(line => !line.Contains('\n') && !line.EndsWith('\r'));
        foreach (var line in lines)
        {
            var indent = line[..(line.Length - line.TrimStart().Length)];
            (indent.Length % unit.Length).Should().Be(0, line);
            indent.Should().Be(string.Concat(Enumerable.Repeat(unit, indent.Length / unit.Length)), line);
        }

        lines.Should().Contain($"{unit}{unit}{unit}{unit}\"matcher\": \"startup|resume|clear|compact\",");
    }

    [Fact]
    public async Task A_compact_file_gets_compact_entries()
    {
        // Arrange
        Write("""{"model":"opus","hooks":{"Stop":[]}}""");

        // Act
        (await Cli.RunAsync("install", "--hook", HookPath)).ExitCode.Should().Be(0);

        // Assert
        var installed = File.ReadAllText(SettingsPath);
        installed.Should().StartWith($$"""{"model":"opus","hooks":{"Stop":[{"hooks":[{"type":"command","command":"{{HookPath}}","timeout":5}]}],"SessionStart":[{"matcher":""");
        installed.Should().NotContain(" ").And.NotContain("\n");
    }

    [Fact]
    public async Task Install_wires_every_event_with_its_matcher_and_a_short_timeout()
    {
        // Act
        var result = await Cli.RunAsync("install", "--hook", HookPath);

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        var hooks = Read()["hooks"]!.AsObject();
        hooks.Select(p => p.Key).Should().Equal(HookEvents.All.Select(e => e.Name));
        foreach (var wanted in HookEvents.All)
        {
            var group = hooks[wanted.Name]!.AsArray().Should().ContainSingle().Subject!.AsObject();
            group["matcher"]?.GetValue<string>().Should().Be(wanted.Matcher, wanted.Name);
            var hook = group["hooks"]!.AsArray().Should().ContainSingle().Subject!;
            hook["command"]!.GetValue<string>().Should().Be(HookPath);
            hook["timeout"]!.GetValue<int>().Should().Be(wanted.TimeoutSeconds).And.BeLessThanOrEqualTo(15);
        }

        hooks["SessionStart"]![0]!["matcher"]!.GetValue<string>().Should().Be("startup|resume|clear|compact");
        hooks["PreToolUse"]![0]!["matcher"]!.GetValue<string>().Should().Be("*", "tool events match every tool");
        hooks["Stop"]![0]!.AsObject().ContainsKey("matcher").Should().BeFalse("Stop takes no matcher");
    }

    [Fact]
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

    [Fact]
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

    [Fact]
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

    [Fact]
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

    [Fact]
    public async Task The_file_keeps_its_mode_and_a_symbolic_link_stays_a_link()
    {
        // Arrange: dotfiles keep settings.json elsewhere and link it in.
        var real = _home.Combine("dotfiles-settings.json");
        File.WriteAllText(real, Existing);
        File.SetUnixFileMode(real, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.CreateDirectory(SettingsDirectory);
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

    [Fact]
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

    [Fact]
    public async Task Installing_a_hook_that_does_not_exist_is_an_error_that_changes_nothing()
    {
        // Act
        var result = await Cli.RunAsync("install", "--hook", "/nowhere/session-bridge-hook");

        // Assert
        result.ExitCode.Should().NotBe(0);
        (result.StandardOutput + result.StandardError).Should().Contain("/nowhere/session-bridge-hook does not exist");
        File.Exists(SettingsPath).Should().BeFalse();
    }

    // The document with our entries (and the containers left empty by them) taken out.
    private static JsonNode Without(JsonNode settings, bool keepHooks)
    {
        if (settings["hooks"] is not JsonObject hooks)
            return settings;
        foreach (var (name, groups) in hooks.ToList())
        {
            var list = groups!.AsArray();
            foreach (var group in list.ToList())
            {
                if (group!["hooks"]!.AsArray().All(h => HookCommand.IsOurs(h!["command"]!.GetValue<string>())))
                    list.Remove(group);
            }

            if (list.Count == 0 && HookEvents.Find(name) is not null)
                hooks.Remove(name);
        }

        if (hooks.Count == 0 && !keepHooks)
            settings.AsObject().Remove("hooks");
        return settings;
    }

    public void Dispose()
    {
        _home.Dispose();
        _state.Dispose();
    }
}
