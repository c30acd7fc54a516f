using System.Text;
using System.Text.Json;

namespace SessionBridge.Setup;

/// <summary>
/// What install created in settings.json (the file itself, <c>hooks</c>, an event's list), kept beside it
/// so uninstall takes those away again and leaves what the user had, even an empty <c>"hooks": {}</c>.
/// Without a record (a version that kept none), anything our entries alone fill counts as ours.
/// </summary>
internal sealed class InstallRecord
{
    public const string HooksKey = "hooks";

    /// <summary>"permissions", created to hold the tools rule.</summary>
    public const string PermissionsKey = "permissions";

    /// <summary>"permissions.allow", created to hold the tools rule.</summary>
    public const string AllowKey = "permissions/allow";

    public bool CreatedFile { get; set; }

    public HashSet<string> Created { get; } = new(StringComparer.Ordinal);

    public static string EventKey(string hookEvent) => "hooks/" + hookEvent;

    public static string PathFor(string settingsPath) => settingsPath + ".session-bridge";

    public static InstallRecord? Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var record = new InstallRecord
            {
                CreatedFile = document.RootElement.TryGetProperty("createdFile", out var file) && file.ValueKind == JsonValueKind.True,
            };
            if (document.RootElement.TryGetProperty("created", out var created) && created.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in created.EnumerateArray())
                {
                    if (item.GetString() is { } key)
                        record.Created.Add(key);
                }
            }

            return record;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return null; // missing or unreadable: fall back to what the entries show
        }
    }

    /// <summary>For a file our entries are already in with no record: whatever holds nothing but them is ours.</summary>
    public static InstallRecord Infer(JsonSpan root, bool fileExists)
    {
        var record = new InstallRecord { CreatedFile = !fileExists };
        if (root["hooks"] is not { Kind: JsonValueKind.Object } hooks)
            return record;
        var onlyOurs = hooks
            .Members.Where(m => m.Value.Kind == JsonValueKind.Array && m.Value.Items.Count > 0)
            .Where(m => OurHook.In(m.Name, m.Value).Count(h => h.Alone) == m.Value.Items.Count)
            .Select(m => m.Name)
            .ToList();
        foreach (var name in onlyOurs)
            record.Created.Add(EventKey(name));
        if (onlyOurs.Count > 0 && onlyOurs.Count == hooks.Members.Count)
            record.Created.Add(HooksKey);
        return record;
    }

    public void Save(string path)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("about", "What session-bridge install added to settings.json, so uninstall can take it away. Safe to delete.");
            writer.WriteBoolean("createdFile", CreatedFile);
            writer.WriteStartArray("created");
            foreach (var key in Created.Order(StringComparer.Ordinal))
                writer.WriteStringValue(key);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var temp = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
        File.Move(temp, path, overwrite: true);
    }
}
