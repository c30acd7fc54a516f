using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBridge.Setup;

/// <summary>
/// Edits JSON text in place at the positions of <see cref="JsonSpan"/>s: adding a member or an item after
/// the last one (or into an empty container), and taking one out. Each edit touches only the bytes of what
/// it adds or removes, and removing what was added gives back the text before it.
/// </summary>
internal static class JsonTextEdit
{
    public static string AddMember(string text, JsonLayout layout, JsonSpan obj, string name, JsonNode value) =>
        Add(text, layout, obj, (indent, inline) => JsonLayout.String(name) + (inline && layout.Multiline ? ": " : layout.Colon) + layout.Write(value, indent, inline));

    public static string AddItem(string text, JsonLayout layout, JsonSpan array, JsonNode value) =>
        Add(text, layout, array, (indent, inline) => layout.Write(value, indent, inline));

    /// <summary>Takes out the <paramref name="index"/>th member or item of <paramref name="container"/>, with its separator.</summary>
    public static string Remove(string text, JsonSpan container, int index)
    {
        var children = container.Children;
        if (children.Count == 1)
            return Splice(text, container.Start + 1, container.End - 1, "");
        return index > 0
            ? Splice(text, children[index - 1].End, children[index].End, "")
            : Splice(text, children[0].Start, children[1].Start, "");
    }

    private static string Add(string text, JsonLayout layout, JsonSpan container, Func<string, bool, string> render)
    {
        if (container.Kind is not (JsonValueKind.Object or JsonValueKind.Array))
            throw new ArgumentException("not a container", nameof(container));
        var children = container.Children;
        var containerIndent = JsonLayout.LineIndent(text, container.Start);
        if (children.Count == 0)
        {
            if (!layout.Multiline)
                return Splice(text, container.Start + 1, container.End - 1, render("", true));
            var inner = containerIndent + layout.Unit;
            return Splice(text, container.Start + 1, container.End - 1, layout.NewLine + inner + render(inner, false) + layout.NewLine + containerIndent);
        }

        var last = children[^1];
        var spread = text.AsSpan(container.Start, container.End - container.Start).Contains('\n');
        if (!spread)
        {
            var comma = children.Count >= 2 ? text[children[0].End..children[1].Start] : (layout.Multiline ? ", " : layout.Comma);
            return Splice(text, last.End, last.End, comma + render("", true));
        }

        var indent = JsonLayout.StartsLine(text, last.Start) ? JsonLayout.LineIndent(text, last.Start) : containerIndent + layout.Unit;
        return Splice(text, last.End, last.End, "," + layout.NewLine + indent + render(indent, false));
    }

    private static string Splice(string text, int start, int end, string insert) => string.Concat(text.AsSpan(0, start), insert, text.AsSpan(end));
}
