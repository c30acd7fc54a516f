using System.Text.Json.Nodes;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Setup;

/// <summary>A temporary HOME with its ~/.claude/settings.json and state directory, and the CLI run in it.</summary>
internal sealed class SettingsHome : IDisposable
{
    private readonly TempDirectory _home = new("home");
    private readonly TempDirectory _state = new("state");

    public string SettingsPath => Path.Combine(_home.Path, ".claude", "settings.json");

    public CliProcess Cli => new(_state.Path, _home.Path);

    public void Write(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        File.WriteAllText(SettingsPath, text);
    }

    public JsonObject Read() => JsonNode.Parse(File.ReadAllText(SettingsPath))!.AsObject();

    /// <summary>The commands wired on <paramref name="hookEvent"/>, in order.</summary>
    public static List<string> Commands(JsonObject settings, string hookEvent) =>
        (settings["hooks"]?[hookEvent] as JsonArray ?? [])
            .SelectMany(group => group!["hooks"]!.AsArray())
            .Select(hook => hook!["command"]!.GetValue<string>())
            .ToList();

    public void Dispose()
    {
        _home.Dispose();
        _state.Dispose();
    }
}
