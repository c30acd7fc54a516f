using System.Text.Json.Nodes;
using SessionBridge.Setup;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Setup;

/// <summary>
/// The user's settings.json stays theirs, byte for byte: install adds our entries laid out like the rest of
/// the file and changes nothing else, and uninstall gives back exactly what was there.
/// </summary>
public sealed class SettingsBytesSpecs : IDisposable
{
    private readonly SettingsHome _home = new();

    private string SettingsPath => _home.SettingsPath;

    private static string HookPath => BuiltExecutables.Hook;

    private CliProcess Cli => _home.Cli;

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
            { "other tools' hooks under the same events", ClaudeSettingsSpecs.Existing },
            { "text with escapes and non-ASCII", "{\n  \"note\": \"olá <b> & \\\"quoted\\\" \\u00e9 \\/ 日本\",\n  \"emoji\": \"🚀\"\n}" },
        };

    private void Write(string text) => _home.Write(text);

    private static List<string> Commands(JsonObject settings, string hookEvent) => SettingsHome.Commands(settings, hookEvent);

    [Theory(Timeout = Timeouts.Spec)]
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

    [Theory(Timeout = Timeouts.Spec)]
    [MemberData(nameof(Shapes))]
    public async Task Install_with_allow_tools_then_uninstall_gives_back_the_same_bytes(string shape, string? original)
    {
        // Arrange
        if (original is not null)
            Write(original);

        // Act
        var install = await Cli.RunAsync("install", "--hook", HookPath, "--allow-tools");
        var installed = JsonNode.Parse(File.ReadAllText(SettingsPath))!;
        var uninstall = await Cli.RunAsync("uninstall");

        // Assert
        install.ExitCode.Should().Be(0, install.StandardError);
        uninstall.ExitCode.Should().Be(0, uninstall.StandardError);
        installed["permissions"]!["allow"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain(ClaudeSettings.ToolsRule, shape);
        if (original is null)
            File.Exists(SettingsPath).Should().BeFalse("install created the file and uninstall takes it away again");
        else
            File.ReadAllText(SettingsPath).Should().Be(original, shape);
    }

    [Theory(Timeout = Timeouts.Spec)]
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

    [Theory(Timeout = Timeouts.Spec)]
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

    [Fact(Timeout = Timeouts.Spec)]
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

    public void Dispose() => _home.Dispose();
}
