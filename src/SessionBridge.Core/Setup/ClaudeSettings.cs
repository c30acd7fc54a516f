using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBridge.Setup;

/// <summary>
/// Adds our SessionStart hook to Claude Code's settings.json, or takes it out, touching nothing else: the
/// file is edited as a JSON tree so every other setting and hook survives, backed up before any change,
/// and replaced atomically. Our entry is the one whose command ends in <c>session-bridge-hook</c>, so
/// installing again with a new path updates it instead of adding a second.
/// </summary>
internal sealed class ClaudeSettings(string path)
{
    public const string Matcher = "startup|resume|clear|compact";
    public const int TimeoutSeconds = 15;
    private const string HookName = "session-bridge-hook";

    public string Path { get; } = path;

    /// <summary>~/.claude/settings.json of the user in <c>$HOME</c>.</summary>
    public static ClaudeSettings ForUser(string? home = null) =>
        new(System.IO.Path.Combine(home ?? Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".claude", "settings.json"));

    public static bool IsOurs(string? command) =>
        command is not null && command.Trim().Trim('"', '\'').EndsWith(HookName, StringComparison.Ordinal);

    public SettingsChange Install(string hookCommand, DateTimeOffset now)
    {
        var root = Load();
        var hooks = Object(root, "hooks");
        var sessionStart = hooks["SessionStart"] as JsonArray;
        if (hooks["SessionStart"] is not null and not JsonArray)
            throw Invalid("\"hooks.SessionStart\" is not a list");
        sessionStart ??= [];
        hooks["SessionStart"] = sessionStart;

        var wanted = Entry(hookCommand);
        var ours = Ours(sessionStart).ToList();
        if (ours.Count == 1 && JsonNode.DeepEquals(ours[0].Group, wanted) && ours[0].Group["hooks"] is JsonArray { Count: 1 })
            return new SettingsChange(false, $"{Path} already runs {hookCommand} on SessionStart ({Matcher}); nothing changed.", Path, null);

        // Drop our old command(s), and groups left empty by that; then add ours once.
        Remove(sessionStart, ours);

        sessionStart.Add((JsonNode)wanted);
        var backup = Save(root, now);
        var verb = ours.Count == 0 ? "Added" : "Updated";
        return new SettingsChange(true, $"{verb} the SessionStart hook in {Path}: {hookCommand} on {Matcher}, timeout {TimeoutSeconds}s.", Path, backup);
    }

    public SettingsChange Uninstall(DateTimeOffset now)
    {
        if (!File.Exists(Path))
            return new SettingsChange(false, $"{Path} does not exist; nothing to remove.", Path, null);
        var root = Load();
        if (root["hooks"] is not JsonObject hooks || hooks["SessionStart"] is not JsonArray sessionStart)
            return new SettingsChange(false, $"{Path} has no session-bridge hook; nothing changed.", Path, null);

        var ours = Ours(sessionStart).ToList();
        if (ours.Count == 0)
            return new SettingsChange(false, $"{Path} has no session-bridge hook; nothing changed.", Path, null);

        Remove(sessionStart, ours);

        // Leave no empty containers that were only there for us.
        if (sessionStart.Count == 0)
            hooks.Remove("SessionStart");
        if (hooks.Count == 0)
            root.Remove("hooks");

        var backup = Save(root, now);
        return new SettingsChange(true, $"Removed the session-bridge SessionStart hook from {Path}.", Path, backup);
    }

    /// <summary>The command our hook entry runs, or null when settings.json has none.</summary>
    public string? InstalledCommand()
    {
        if (!File.Exists(Path))
            return null;
        return Load()["hooks"] is JsonObject { } hooks && hooks["SessionStart"] is JsonArray list
            ? Ours(list).Select(o => o.Hook["command"]?.GetValue<string>()).FirstOrDefault()
            : null;
    }

    private static void Remove(JsonArray sessionStart, List<(JsonObject Group, JsonObject Hook)> ours)
    {
        foreach (var (group, hook) in ours)
        {
            var list = (JsonArray)group["hooks"]!;
            list.Remove(hook);
            if (list.Count == 0)
                sessionStart.Remove(group);
        }
    }

    private static JsonObject Entry(string command) =>
        new()
        {
            ["matcher"] = Matcher,
            ["hooks"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "command",
                    ["command"] = command,
                    ["timeout"] = TimeoutSeconds,
                }
            ),
        };

    private static List<(JsonObject Group, JsonObject Hook)> Ours(JsonArray sessionStart) =>
        sessionStart
            .OfType<JsonObject>()
            .SelectMany(group => (group["hooks"] as JsonArray ?? []).OfType<JsonObject>().Select(hook => (group, hook)))
            .Where(pair => pair.hook["command"] is JsonValue value && value.TryGetValue<string>(out var c) && IsOurs(c))
            .ToList();

    private JsonObject Object(JsonObject parent, string name)
    {
        switch (parent[name])
        {
            case null:
                var created = new JsonObject();
                parent[name] = created;
                return created;
            case JsonObject existing:
                return existing;
            default:
                throw Invalid($"\"{name}\" is not an object");
        }
    }

    private JsonObject Load()
    {
        if (!File.Exists(Path))
            return [];
        var text = File.ReadAllText(Path);
        if (string.IsNullOrWhiteSpace(text))
            return [];
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw Invalid("it does not hold a JSON object");
        }
        catch (JsonException e)
        {
            throw Invalid($"it is not valid JSON ({e.Message})");
        }
    }

    private string? Save(JsonObject root, DateTimeOffset now)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        string? backup = null;
        if (File.Exists(Path))
        {
            backup = $"{Path}.bak-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            File.Copy(Path, backup, overwrite: true);
        }

        var temp = $"{Path}.{Environment.ProcessId}.tmp";
        var json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        File.WriteAllText(temp, json, new UTF8Encoding(false));
        File.Move(temp, Path, overwrite: true);
        return backup;
    }

    private BridgeException Invalid(string what) =>
        new($"Cannot change {Path}: {what}. Fix the file by hand (or move it away) and run the command again; it was left as it was.");
}
