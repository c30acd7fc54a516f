using System.Text.Json;

namespace SessionBridge.Tests.Screens;

/// <summary>A captured screen and what detect_question must say of it, from a fixture folder's labels.json.</summary>
public sealed record LabelledScreen(
    string Folder,
    string File,
    string State,
    string? Heading,
    IReadOnlyList<string>? Options,
    int? Selected,
    string? Question
)
{
    public string Screen => System.IO.File.ReadAllText(Path.Combine(Folder, File));

    public override string ToString() => $"{Path.GetFileName(Folder)}/{File}";

    public static IEnumerable<LabelledScreen> All()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        foreach (var labels in Directory.EnumerateFiles(root, "labels.json", SearchOption.AllDirectories).Order())
        {
            var folder = Path.GetDirectoryName(labels)!;
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(labels));
            foreach (var entry in doc.RootElement.EnumerateObject().Where(e => !e.Name.StartsWith('_')))
            {
                var label = entry.Value;
                yield return new LabelledScreen(
                    folder,
                    entry.Name,
                    label.GetProperty("state").GetString()!,
                    label.TryGetProperty("heading", out var h) ? h.GetString() : null,
                    label.TryGetProperty("options", out var o) ? o.EnumerateArray().Select(x => x.GetString()!).ToList() : null,
                    label.TryGetProperty("selected", out var s) ? s.GetInt32() : null,
                    label.TryGetProperty("question", out var q) ? q.GetString() : null
                );
            }
        }
    }
}
