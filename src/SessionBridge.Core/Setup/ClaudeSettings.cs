using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBridge.Setup;

/// <summary>
/// Our hook entries in Claude Code's settings.json, read, added and taken out, touching nothing else. The
/// file is edited as text at the positions Utf8JsonReader reports, so every byte of the user's own
/// (their escapes, indentation, key order, newlines) stays as written; what we add copies the file's
/// layout, and uninstall takes out exactly our entries and whatever install created for them.
/// </summary>
internal sealed class ClaudeSettings(string path)
{
    private readonly SettingsFile _file = new(path);

    public string Path { get; } = path;

    private string RecordPath => InstallRecord.PathFor(Path);

    /// <summary>~/.claude/settings.json of the user in <c>$HOME</c>.</summary>
    public static ClaudeSettings ForUser(Func<string, string?>? getVariable = null) =>
        new(System.IO.Path.Combine(UserHome.ClaudeDirectory(getVariable), "settings.json"));

    /// <summary>What settings.json wires today, for doctor; a problem instead when it cannot be read.</summary>
    public HookWiring Read()
    {
        try
        {
            var text = _file.Read();
            if (text is null || string.IsNullOrWhiteSpace(text))
                return new HookWiring(Path, [], null);
            var root = JsonSpanReader.Read(text);
            if (root.Kind != JsonValueKind.Object)
                return new HookWiring(Path, [], "it does not hold a JSON object");
            if (root["hooks"] is { Kind: not JsonValueKind.Object })
                return new HookWiring(Path, [], "\"hooks\" is not an object");
            return new HookWiring(Path, OurHook.In(root), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException or JsonException)
        {
            return new HookWiring(Path, [], e is JsonException ? $"it is not valid JSON ({e.Message})" : e.Message);
        }
    }

    /// <summary>Wires <paramref name="hookPath"/> on every event of <see cref="HookEvents.All"/>; running it again changes nothing.</summary>
    public SettingsChange Install(string hookPath, DateTimeOffset now)
    {
        var command = HookCommand.For(hookPath);
        var existing = Load();
        var text = existing ?? "{}\n";
        var layout = existing is null ? JsonLayout.Default : JsonLayout.Detect(text, Parse(text));
        var record = InstallRecord.Load(RecordPath) ?? InstallRecord.Infer(Parse(text), existing is not null);

        var added = new List<string>();
        var updated = new List<string>();
        foreach (var wanted in HookEvents.All)
        {
            var (next, before) = Wire(text, layout, wanted, command, record);
            if (next == text)
                continue;
            text = next;
            (before == 0 ? added : updated).Add(wanted.Name);
        }

        if (added.Count == 0 && updated.Count == 0)
            return new SettingsChange(false, $"{Path} already runs {command} on all {HookEvents.All.Count} hook events; nothing changed.", Path, null);

        var backup = Guard(() => _file.Write(text, now));
        Guard(() => record.Save(RecordPath));
        var what = (added.Count, updated.Count) switch
        {
            ( > 0, 0) => $"Added the session-bridge hook to {Path} on {Events(added)}.",
            (0, > 0) => $"Updated the session-bridge hook in {Path} on {Events(updated)}.",
            _ => $"Added the session-bridge hook to {Path} on {Events(added)}, and updated it on {Events(updated)}.",
        };
        return new SettingsChange(true, $"{what} It runs {command}.", Path, backup);
    }

    /// <summary>Takes out every entry of ours, and what install created for them; nothing else.</summary>
    public SettingsChange Uninstall(DateTimeOffset now)
    {
        var text = Load();
        if (text is null)
        {
            File.Delete(RecordPath);
            return new SettingsChange(false, $"{Path} does not exist; nothing to remove.", Path, null);
        }

        var record = InstallRecord.Load(RecordPath) ?? InstallRecord.Infer(Parse(text), fileExists: true);
        var removed = new List<string>();
        while (OurHook.In(Parse(text)).FirstOrDefault() is { } ours)
        {
            text = RemoveHook(text, ours);
            removed.Add(ours.Event);
            var hooks = Parse(text)["hooks"]!;
            var index = LastIndex(hooks, ours.Event);
            if (hooks.Members[index].Value.Items.Count == 0 && record.Created.Contains(InstallRecord.EventKey(ours.Event)))
                text = JsonTextEdit.Remove(text, hooks, index);
        }

        if (removed.Count == 0)
        {
            File.Delete(RecordPath);
            return new SettingsChange(false, $"{Path} has no session-bridge hook; nothing changed.", Path, null);
        }

        var root = Parse(text);
        if (root["hooks"] is { Kind: JsonValueKind.Object, Members.Count: 0 } && record.Created.Contains(InstallRecord.HooksKey))
            text = JsonTextEdit.Remove(text, root, LastIndex(root, "hooks"));

        var events = Events(removed.Distinct().ToList());
        string summary;
        string? backup;
        if (record.CreatedFile && Parse(text).Members.Count == 0)
        {
            backup = Guard(() => _file.Delete(now));
            summary = $"Removed the session-bridge hook from {events}, and deleted {Path}: install had created it and it held nothing else.";
        }
        else
        {
            backup = Guard(() => _file.Write(text, now));
            summary = $"Removed the session-bridge hook from {Path} on {events}; everything else is as it was.";
        }

        File.Delete(RecordPath);
        return new SettingsChange(true, summary, Path, backup);
    }

    // Puts our entry for one event in place: returns the new text and how many entries of ours were there before.
    private (string Text, int Before) Wire(string text, JsonLayout layout, HookSettingsEntry wanted, string command, InstallRecord record)
    {
        var root = Parse(text);
        var group = OurHook.NewGroup(wanted, command);
        if (root["hooks"] is not { } hooks)
        {
            record.Created.UnionWith([InstallRecord.HooksKey, InstallRecord.EventKey(wanted.Name)]);
            return (JsonTextEdit.AddMember(text, layout, root, "hooks", new JsonObject { [wanted.Name] = new JsonArray(group) }), 0);
        }

        if (hooks.Kind != JsonValueKind.Object)
            throw Invalid("\"hooks\" is not an object");
        if (hooks[wanted.Name] is not { } groups)
        {
            record.Created.Add(InstallRecord.EventKey(wanted.Name));
            return (JsonTextEdit.AddMember(text, layout, hooks, wanted.Name, new JsonArray(group)), 0);
        }

        if (groups.Kind != JsonValueKind.Array)
            throw Invalid($"\"hooks.{wanted.Name}\" is not a list");
        var ours = OurHook.In(wanted.Name, groups).ToList();
        if (ours is [var only] && only.Command == command && only.HasShapeOf(wanted))
            return (text, 1);

        // Our old entries go (with groups they leave empty), then the current one is added once.
        while (OurHook.In(wanted.Name, Parse(text)["hooks"]![wanted.Name]!).FirstOrDefault() is { } old)
            text = RemoveHook(text, old);
        return (JsonTextEdit.AddItem(text, layout, Parse(text)["hooks"]![wanted.Name]!, group), ours.Count);
    }

    private string RemoveHook(string text, OurHook hook)
    {
        var groups = Parse(text)["hooks"]![hook.Event]!;
        return hook.Alone
            ? JsonTextEdit.Remove(text, groups, hook.GroupIndex)
            : JsonTextEdit.Remove(text, groups.Items[hook.GroupIndex]["hooks"]!, hook.HookIndex);
    }

    private static int LastIndex(JsonSpan obj, string name) => obj.Members.ToList().FindLastIndex(m => m.Name == name);

    private static string Events(List<string> names) => names.Count == 1 ? names[0] : $"{names.Count} events ({string.Join(", ", names)})";

    private string? Load()
    {
        var text = Guard(() => _file.Read());
        if (text is null || string.IsNullOrWhiteSpace(text))
            return text is null ? null : "{}" + text;
        var root = Parse(text);
        return root.Kind == JsonValueKind.Object ? text : throw Invalid("it does not hold a JSON object");
    }

    private JsonSpan Parse(string text)
    {
        try
        {
            return JsonSpanReader.Read(text);
        }
        catch (JsonException e)
        {
            throw Invalid($"it is not valid JSON ({e.Message})");
        }
    }

    private T Guard<T>(Func<T> io)
    {
        try
        {
            return io();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(e.Message);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid("it is not UTF-8 text");
        }
    }

    private void Guard(Action io) => Guard(() => { io(); return 0; });

    private BridgeException Invalid(string what) =>
        new($"Cannot change {Path}: {what}. Fix the file by hand (or move it away) and run the command again; it was left as it was.");
}
