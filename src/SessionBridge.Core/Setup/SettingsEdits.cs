using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBridge.Setup;

/// <summary>
/// The text edits behind <see cref="ClaudeSettings"/>: each takes the file's text and returns it with one of
/// our entries put in or taken out, at the positions <see cref="JsonSpanReader"/> reports, and records what
/// install created so uninstall takes out exactly that.
/// </summary>
internal sealed class SettingsEdits(string path)
{
    // Puts our entry for one event in place: returns the new text and how many entries of ours were there before.
    internal (string Text, int Before) Wire(string text, JsonLayout layout, HookSettingsEntry wanted, string command, InstallRecord record)
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
    internal string AllowRule(string text, JsonLayout layout, InstallRecord record)
    {
        var root = Parse(text);
        if (root["permissions"] is not { } permissions)
        {
            record.Created.UnionWith([InstallRecord.PermissionsKey, InstallRecord.AllowKey]);
            return JsonTextEdit.AddMember(text, layout, root, "permissions", new JsonObject { ["allow"] = new JsonArray(ClaudeSettings.ToolsRule) });
        }

        if (permissions.Kind != JsonValueKind.Object)
            throw Invalid("\"permissions\" is not an object");
        if (permissions["allow"] is not { } allow)
        {
            record.Created.Add(InstallRecord.AllowKey);
            return JsonTextEdit.AddMember(text, layout, permissions, "allow", new JsonArray(ClaudeSettings.ToolsRule));
        }

        if (allow.Kind != JsonValueKind.Array)
            throw Invalid("\"permissions.allow\" is not a list");
        return allow.Items.Any(i => i.String == ClaudeSettings.ToolsRule) ? text : JsonTextEdit.AddItem(text, layout, allow, JsonValue.Create(ClaudeSettings.ToolsRule));
    }

    // Takes the tools rule out of permissions.allow: it names our server alone and means nothing once we are
    // gone. The list and "permissions" go too when install created them and they are left empty.
    internal string RemoveRule(string text, InstallRecord record)
    {
        while (Parse(text)["permissions"]?["allow"] is { Kind: JsonValueKind.Array } allow && allow.Items.ToList().FindIndex(i => i.String == ClaudeSettings.ToolsRule) is >= 0 and var index)
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

    internal string RemoveHook(string text, OurHook hook)
    {
        var groups = Parse(text)["hooks"]![hook.Event]!;
        return hook.Alone
            ? JsonTextEdit.Remove(text, groups, hook.GroupIndex)
            : JsonTextEdit.Remove(text, groups.Items[hook.GroupIndex]["hooks"]!, hook.HookIndex);
    }

    internal static int LastIndex(JsonSpan obj, string name) => obj.Members.ToList().FindLastIndex(m => m.Name == name);

    internal JsonSpan Parse(string text)
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

    internal BridgeException Invalid(string what) =>
        new($"Cannot change {path}: {what}. Fix the file by hand (or move it away) and run the command again; it was left as it was.");
}
