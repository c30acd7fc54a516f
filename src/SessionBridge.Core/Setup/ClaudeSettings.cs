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

    /// <summary>
    /// The permission rule that lets a session call every session-bridge tool without a permission prompt:
    /// Claude Code shows our tools to the model as <c>mcp__session-bridge__&lt;tool&gt;</c>, and a rule naming
    /// the server allows them all.
    /// </summary>
    public const string ToolsRule = "mcp__session-bridge";

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
            return new HookWiring(Path, [], e is JsonException json ? JsonProblem.Describe(json) : e.Message);
        }
    }

    /// <summary>
    /// Whether <c>permissions.allow</c> holds <see cref="ToolsRule"/> (or <c>mcp__session-bridge__*</c>), so the
    /// first tool call of a session does not stop on a permission prompt. False when the file is missing or
    /// cannot be read. <c>up</c> asks this to say when the rule is missing.
    /// </summary>
    public bool AllowsOurTools()
    {
        try
        {
            var text = _file.Read();
            if (string.IsNullOrWhiteSpace(text))
                return false;
            return JsonSpanReader.Read(text)["permissions"]?["allow"] is { Kind: JsonValueKind.Array } allow
                && allow.Items.Any(i => i.String is ToolsRule or ToolsRule + "__*");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException or JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Wires <paramref name="hookPath"/> on every event of <see cref="HookEvents.All"/>, and with
    /// <paramref name="allowTools"/> adds <see cref="ToolsRule"/> to <c>permissions.allow</c>, in one write;
    /// running it again changes nothing.
    /// </summary>
    public SettingsChange Install(string hookPath, DateTimeOffset now, bool allowTools = false)
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

        var ruleAdded = false;
        if (allowTools)
        {
            var next = AllowRule(text, layout, record);
            ruleAdded = next != text;
            text = next;
        }

        if (added.Count == 0 && updated.Count == 0 && !ruleAdded)
        {
            var already = allowTools ? $" and allows every session-bridge tool ({ToolsRule})" : "";
            return new SettingsChange(false, $"{Path} already runs {command} on all {HookEvents.All.Count} hook events{already}; nothing changed.", Path, null);
        }

        var backup = Guard(() => _file.Write(text, now));
        Guard(() => record.Save(RecordPath));
        var what = (added.Count, updated.Count) switch
        {
            (0, 0) => $"{Path} already runs {command} on all {HookEvents.All.Count} hook events.",
            ( > 0, 0) => $"Added the session-bridge hook to {Path} on {Events(added)}. It runs {command}.",
            (0, > 0) => $"Updated the session-bridge hook in {Path} on {Events(updated)}. It runs {command}.",
            _ => $"Added the session-bridge hook to {Path} on {Events(added)}, and updated it on {Events(updated)}. It runs {command}.",
        };
        if (ruleAdded)
            what += $" Added {ToolsRule} to permissions.allow: sessions call the session-bridge tools without a permission prompt.";
        return new SettingsChange(true, what, Path, backup);
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
        var withoutRule = RemoveRule(text, record);
        var ruleRemoved = withoutRule != text;
        text = withoutRule;
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

        if (removed.Count == 0 && !ruleRemoved)
        {
            File.Delete(RecordPath);
            return new SettingsChange(false, $"{Path} has no session-bridge hook; nothing changed.", Path, null);
        }

        var root = Parse(text);
        if (root["hooks"] is { Kind: JsonValueKind.Object, Members.Count: 0 } && record.Created.Contains(InstallRecord.HooksKey))
            text = JsonTextEdit.Remove(text, root, LastIndex(root, "hooks"));

        var events = removed.Count == 0 ? "" : Events(removed.Distinct().ToList());
        var rule = $"the {ToolsRule} permission rule";
        string summary;
        string? backup;
        if (record.CreatedFile && Parse(text).Members.Count == 0)
        {
            backup = Guard(() => _file.Delete(now));
            var what = removed.Count == 0 ? rule : $"the session-bridge hook from {events}" + (ruleRemoved ? $" and {rule}" : "");
            summary = $"Removed {what}, and deleted {Path}: install had created it and it held nothing else.";
        }
        else
        {
            backup = Guard(() => _file.Write(text, now));
            summary = removed.Count == 0
                ? $"Removed {rule} from {Path}; everything else is as it was."
                : $"Removed the session-bridge hook from {Path} on {events}{(ruleRemoved ? $", and {rule}" : "")}; everything else is as it was.";
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

    // Adds the tools rule to permissions.allow, creating what is missing (and recording it for uninstall).
    private string AllowRule(string text, JsonLayout layout, InstallRecord record)
    {
        var root = Parse(text);
        if (root["permissions"] is not { } permissions)
        {
            record.Created.UnionWith([InstallRecord.PermissionsKey, InstallRecord.AllowKey]);
            return JsonTextEdit.AddMember(text, layout, root, "permissions", new JsonObject { ["allow"] = new JsonArray(ToolsRule) });
        }

        if (permissions.Kind != JsonValueKind.Object)
            throw Invalid("\"permissions\" is not an object");
        if (permissions["allow"] is not { } allow)
        {
            record.Created.Add(InstallRecord.AllowKey);
            return JsonTextEdit.AddMember(text, layout, permissions, "allow", new JsonArray(ToolsRule));
        }

        if (allow.Kind != JsonValueKind.Array)
            throw Invalid("\"permissions.allow\" is not a list");
        return allow.Items.Any(i => i.String == ToolsRule) ? text : JsonTextEdit.AddItem(text, layout, allow, JsonValue.Create(ToolsRule));
    }

    // Takes the tools rule out of permissions.allow: it names our server alone and means nothing once we are
    // gone. The list and "permissions" go too when install created them and they are left empty.
    private string RemoveRule(string text, InstallRecord record)
    {
        while (Parse(text)["permissions"]?["allow"] is { Kind: JsonValueKind.Array } allow && allow.Items.ToList().FindIndex(i => i.String == ToolsRule) is >= 0 and var index)
            text = JsonTextEdit.Remove(text, allow, index);

        if (Parse(text)["permissions"] is not { Kind: JsonValueKind.Object } permissions)
            return text;
        if (permissions["allow"] is { Kind: JsonValueKind.Array, Items.Count: 0 } && record.Created.Contains(InstallRecord.AllowKey))
            text = JsonTextEdit.Remove(text, permissions, LastIndex(permissions, "allow"));
        var root = Parse(text);
        if (root["permissions"] is { Kind: JsonValueKind.Object, Members.Count: 0 } && record.Created.Contains(InstallRecord.PermissionsKey))
            text = JsonTextEdit.Remove(text, root, LastIndex(root, "permissions"));
        return text;
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
            throw Invalid(JsonProblem.Describe(e));
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
