using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>
/// What auto mode does with a tool call, on the real Claude Code: its safety check runs on the API's side
/// (the request carries <c>safeguards</c>, the answer's message_delta a verdict per tool call), played here by the
/// scripted model. A call the check flags is denied with no dialog and no PermissionRequest (only PermissionDenied
/// fires), and one it passes runs with neither: in auto mode a supervisor is never asked.
/// </summary>
public sealed class AutoModeSpecs(ClaudeInstallation claude)
{
    private const string Reason = "[Irreversible Local Destruction] scripted verdict";

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task A_call_auto_mode_flags_is_denied_with_no_dialog_and_no_PermissionRequest_and_only_PermissionDenied_fires()
    {
        // Arrange
        using var hook = await LoggingHook.CreateAsync();
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: hook.Path);
        await hook.AlsoOnPermissionDeniedAsync(world.SettingsPath);
        var dev = await world.StartSessionAsync("dev", new SessionOptions { Arguments = ["--permission-mode", "auto"] });
        dev.Model.Flag = _ => Reason;
        dev.Model.Enqueue(Turn.Call("Bash", new { command = "touch flagged-marker", description = "Create the marker" }), Turn.Reply("Moving on."));

        // Act
        await dev.TypeAsync("Create the marker file.");
        var result = await dev.WaitForToolResultAsync("Bash");
        var screen = await dev.WaitForScreenAsync(s => s.Contains("Moving on.", StringComparison.Ordinal), "dev going on");
        await Eventually.WaitAsync(() => hook.Events().Contains("Stop"), "dev's Stop hook", TimeSpan.FromSeconds(30));

        // Assert
        result.Should().Contain("denied by the Claude Code auto mode classifier").And.Contain(Reason);
        File.Exists(Path.Combine(dev.Directory, "flagged-marker")).Should().BeFalse();
        screen.Should().Contain("blocked by auto mode").And.NotContain("Do you want to proceed?");
        hook.Events().Should().Equal(["SessionStart", "UserPromptSubmit", "PreToolUse", "PermissionDenied", "Stop"]);
        hook.Event("PermissionDenied").GetProperty("reason").GetString().Should().Be(Reason);
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task A_call_auto_mode_passes_runs_with_no_dialog_and_no_PermissionRequest()
    {
        // Arrange
        using var hook = await LoggingHook.CreateAsync();
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: hook.Path);
        await hook.AlsoOnPermissionDeniedAsync(world.SettingsPath);
        var dev = await world.StartSessionAsync("dev", new SessionOptions { Arguments = ["--permission-mode", "auto"] });
        dev.Model.Flag = _ => null;
        dev.Model.Enqueue(Turn.Call("Bash", new { command = "touch passed-marker", description = "Create the marker" }), Turn.Reply("Moving on."));

        // Act
        await dev.TypeAsync("Create the marker file.");
        await dev.WaitForScreenAsync(s => s.Contains("Moving on.", StringComparison.Ordinal), "dev going on");
        await Eventually.WaitAsync(() => hook.Events().Contains("Stop"), "dev's Stop hook", TimeSpan.FromSeconds(30));

        // Assert
        File.Exists(Path.Combine(dev.Directory, "passed-marker")).Should().BeTrue();
        hook.Events().Should().Equal(["SessionStart", "UserPromptSubmit", "PreToolUse", "PostToolUse", "Stop"]);
    }

    /// <summary>
    /// session-bridge's own hook behind a shell script that first appends each event's input to a log: a real hook
    /// process on every event, whose log says which events fired, in order.
    /// </summary>
    private sealed class LoggingHook : IDisposable
    {
        private readonly TempDirectory _directory = new("auto-hook");

        private LoggingHook()
        {
        }

        public string Path => _directory.Combine("logging-hook.sh");

        private string Log => _directory.Combine("events.jsonl");

        public static async Task<LoggingHook> CreateAsync()
        {
            var hook = new LoggingHook();
            await File.WriteAllTextAsync(
                hook.Path,
                $"#!/bin/sh\ninput=$(cat)\nprintf '%s\\n' \"$input\" >> '{hook.Log}'\nprintf '%s' \"$input\" | exec '{HookExecutable.Path}' \"$@\"\n",
                TestContext.Current.CancellationToken);
            File.SetUnixFileMode(hook.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return hook;
        }

        /// <summary>session-bridge install does not wire PermissionDenied; this log wants it too.</summary>
        public async Task AlsoOnPermissionDeniedAsync(string settingsPath)
        {
            var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsPath, TestContext.Current.CancellationToken))!.AsObject();
            settings["hooks"]!["PermissionDenied"] = new JsonArray(new JsonObject
            {
                ["matcher"] = "*",
                ["hooks"] = new JsonArray(new JsonObject { ["type"] = "command", ["command"] = Path, ["timeout"] = 30 }),
            });
            await File.WriteAllTextAsync(settingsPath, settings.ToJsonString(), TestContext.Current.CancellationToken);
        }

        public IReadOnlyList<string> Events() => [.. Inputs().Select(e => e.GetProperty("hook_event_name").GetString()!)];

        public JsonElement Event(string name) => Inputs().Single(e => e.GetProperty("hook_event_name").GetString() == name);

        private IEnumerable<JsonElement> Inputs() =>
            File.Exists(Log)
                ? File.ReadAllLines(Log).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
                : [];

        public void Dispose() => _directory.Dispose();
    }
}
