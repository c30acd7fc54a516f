using System.Text.Json.Nodes;
using SessionBridge.Setup;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Setup;

/// <summary>A temporary HOME with its settings.json, the session-bridge CLI run in it, and what the file holds afterwards.</summary>
public abstract class ClaudeSettingsRig : IDisposable
{
    private protected readonly SettingsHome _home = new();

    private protected string SettingsPath => _home.SettingsPath;

    private protected string SettingsDirectory => Path.GetDirectoryName(SettingsPath)!;

    private protected static string HookPath => BuiltExecutables.Hook;

    private protected CliProcess Cli => _home.Cli;

    internal const string Existing = """
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

    private protected JsonObject Read() => _home.Read();

    private protected static List<string> Commands(JsonObject settings, string hookEvent) => SettingsHome.Commands(settings, hookEvent);

    private protected void Write(string text) => _home.Write(text);

    public void Dispose()
    {
        _home.Dispose();
        GC.SuppressFinalize(this);
    }
}
