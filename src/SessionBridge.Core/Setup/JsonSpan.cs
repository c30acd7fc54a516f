using System.Text.Json;

namespace SessionBridge.Setup;

/// <summary>
/// A JSON value and where it sits in the file's bytes (<see cref="End"/> is exclusive), so settings.json can
/// be edited in place: every byte we do not mean to change stays as the user wrote it.
/// </summary>
internal sealed record JsonSpan(
    JsonValueKind Kind,
    int Start,
    int End,
    string? Text,
    IReadOnlyList<JsonSpanMember> Members,
    IReadOnlyList<JsonSpan> Items
)
{
    public JsonSpan? this[string name] => Members.LastOrDefault(m => m.Name == name)?.Value;

    /// <summary>Where each member or item starts and ends: an object's members start at their name.</summary>
    public IReadOnlyList<(int Start, int End)> Children =>
        Kind == JsonValueKind.Object ? Members.Select(m => (m.Start, m.Value.End)).ToList() : Items.Select(i => (i.Start, i.End)).ToList();

    public string? String => Kind == JsonValueKind.String ? Text : null;
}
