using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBridge.Setup;

/// <summary>
/// One of our hook entries in settings.json: the event, where it sits (group and hook index), and its
/// command. The single reading of "which entries are ours" that install, uninstall and doctor share.
/// </summary>
internal sealed record OurHook(string Event, int GroupIndex, int HookIndex, string Command, JsonSpan Group, JsonSpan Hook)
{
    /// <summary>
    /// Our entries under <c>hooks</c> in <paramref name="root"/>, for every event (wired by us or not). A name
    /// given twice counts once, by its last value, as Claude Code reads it.
    /// </summary>
    public static List<OurHook> In(JsonSpan root) =>
        root["hooks"] is { Kind: JsonValueKind.Object } hooks
            ? hooks
                .Members.Select(m => m.Name)
                .Distinct(StringComparer.Ordinal)
                .Where(name => hooks[name]!.Kind == JsonValueKind.Array)
                .SelectMany(name => In(name, hooks[name]!))
                .ToList()
            : [];

    public static IEnumerable<OurHook> In(string hookEvent, JsonSpan groups)
    {
        for (var g = 0; g < groups.Items.Count; g++)
        {
            if (groups.Items[g]["hooks"] is not { Kind: JsonValueKind.Array } list)
                continue;
            for (var h = 0; h < list.Items.Count; h++)
            {
                if (list.Items[h]["command"]?.String is { } command && HookCommand.IsOurs(command))
                    yield return new OurHook(hookEvent, g, h, command, groups.Items[g], list.Items[h]);
            }
        }
    }

    /// <summary>True when the group holds only this hook.</summary>
    public bool Alone => Group["hooks"]!.Items.Count == 1;

    /// <summary>True when the entry is what install writes for <paramref name="wanted"/> today, whatever its command.</summary>
    public bool HasShapeOf(HookSettingsEntry wanted) =>
        Alone
        && Names(Group).SetEquals(wanted.Matcher is null ? ["hooks"] : ["matcher", "hooks"])
        && Group["matcher"]?.String == wanted.Matcher
        && Names(Hook).SetEquals(["type", "command", "timeout"])
        && Hook["type"]?.String == "command"
        && Hook["timeout"] is { Kind: JsonValueKind.Number, Text: { } timeout }
        && timeout == wanted.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The group install adds for <paramref name="wanted"/>: our hook alone, with the event's matcher.</summary>
    public static JsonObject NewGroup(HookSettingsEntry wanted, string command)
    {
        var group = new JsonObject();
        if (wanted.Matcher is not null)
            group["matcher"] = wanted.Matcher;
        group["hooks"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "command",
                ["command"] = command,
                ["timeout"] = wanted.TimeoutSeconds,
            }
        );
        return group;
    }

    private static HashSet<string> Names(JsonSpan obj) => obj.Members.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
}
