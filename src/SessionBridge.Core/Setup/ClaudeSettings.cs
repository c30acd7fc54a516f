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
    private readonly SettingsEdits _edits = new(path);

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
        var layout = existing is null ? JsonLayout.Default : JsonLayout.Detect(text, _edits.Parse(text));
        var record = InstallRecord.Load(RecordPath) ?? InstallRecord.Infer(_edits.Parse(text), existing is not null);

        var added = new List<string>();
        var updated = new List<string>();
        foreach (var wanted in HookEvents.All)
        {
            var (next, before) = _edits.Wire(text, layout, wanted, command, record);
            if (next == text)
                continue;
            text = next;
            (before == 0 ? added : updated).Add(wanted.Name);
        }

        var ruleAdded = false;
        if (allowTools)
        {
            var next = _edits.AllowRule(text, layout, record);
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

        var record = InstallRecord.Load(RecordPath) ?? InstallRecord.Infer(_edits.Parse(text), fileExists: true);
        var withoutRule = _edits.RemoveRule(text, record);
        var ruleRemoved = withoutRule != text;
        text = withoutRule;
        var removed = new List<string>();
        while (OurHook.In(_edits.Parse(text)).FirstOrDefault() is { } ours)
        {
            text = _edits.RemoveHook(text, ours);
            removed.Add(ours.Event);
            var hooks = _edits.Parse(text)["hooks"]!;
            var index = SettingsEdits.LastIndex(hooks, ours.Event);
            if (hooks.Members[index].Value.Items.Count == 0 && record.Created.Contains(InstallRecord.EventKey(ours.Event)))
                text = JsonTextEdit.Remove(text, hooks, index);
        }

        if (removed.Count == 0 && !ruleRemoved)
        {
            File.Delete(RecordPath);
            return new SettingsChange(false, $"{Path} has no session-bridge hook; nothing changed.", Path, null);
        }

        var root = _edits.Parse(text);
        if (root["hooks"] is { Kind: JsonValueKind.Object, Members.Count: 0 } && record.Created.Contains(InstallRecord.HooksKey))
            text = JsonTextEdit.Remove(text, root, SettingsEdits.LastIndex(root, "hooks"));

        var events = removed.Count == 0 ? "" : Events(removed.Distinct().ToList());
        var rule = $"the {ToolsRule} permission rule";
        string summary;
        string? backup;
        if (record.CreatedFile && _edits.Parse(text).Members.Count == 0)
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

    private static string Events(List<string> names) => names.Count == 1 ? names[0] : $"{names.Count} events ({string.Join(", ", names)})";

    private string? Load()
    {
        var text = Guard(() => _file.Read());
        if (text is null || string.IsNullOrWhiteSpace(text))
            return text is null ? null : "{}" + text;
        var root = _edits.Parse(text);
        return root.Kind == JsonValueKind.Object ? text : throw _edits.Invalid("it does not hold a JSON object");
    }

    private T Guard<T>(Func<T> io)
    {
        try
        {
            return io();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw _edits.Invalid(e.Message);
        }
        catch (DecoderFallbackException)
        {
            throw _edits.Invalid("it is not UTF-8 text");
        }
    }

    private void Guard(Action io) => Guard(() => { io(); return 0; });
}
