using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBridge.Setup;

/// <summary>
/// How a file lays its JSON out (one line or indented, the indent unit, the newline, the spacing after a
/// colon and a comma), detected from the file, so what we insert reads as if the user had written it.
/// </summary>
internal sealed record JsonLayout(bool Multiline, string Unit, string NewLine, string Colon, string Comma)
{
    /// <summary>For a file we create: two spaces, like Claude Code's own.</summary>
    public static JsonLayout Default { get; } = new(true, "  ", "\n", ": ", ",");

    public static JsonLayout Detect(string text, JsonSpan root)
    {
        var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var multiline = root.Children.Count == 0 || text.AsSpan(root.Start, root.End - root.Start).Contains('\n');
        var colon = FirstColon(text, root) ?? (multiline ? ": " : ":");
        var comma = FirstComma(text, root) ?? ",";
        var unit = FirstUnit(text, root) ?? Default.Unit;
        return new JsonLayout(multiline, unit, newLine, colon, comma);
    }

    /// <summary>The whitespace that starts the line holding <paramref name="position"/>.</summary>
    public static string LineIndent(string text, int position)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, position - 1)) + 1;
        var end = lineStart;
        while (end < text.Length && text[end] is ' ' or '\t')
            end++;
        return text[lineStart..end];
    }

    /// <summary>True when only whitespace stands between the start of its line and <paramref name="position"/>.</summary>
    public static bool StartsLine(string text, int position)
    {
        for (var i = position - 1; i >= 0 && text[i] != '\n'; i--)
        {
            if (text[i] is not (' ' or '\t' or '\r'))
                return false;
        }

        return true;
    }

    /// <summary>Writes <paramref name="node"/>; nested lines of an indented layout start with <paramref name="indent"/> plus units.</summary>
    public string Write(JsonNode? node, string indent, bool inline)
    {
        var text = new StringBuilder();
        Write(text, node, indent, inline || !Multiline);
        return text.ToString();
    }

    private void Write(StringBuilder text, JsonNode? node, string indent, bool inline)
    {
        switch (node)
        {
            case JsonObject obj:
                WriteContainer(text, '{', '}', obj.Select(p => ((string?)p.Key, p.Value)).ToList(), indent, inline);
                break;
            case JsonArray array:
                WriteContainer(text, '[', ']', array.Select(v => ((string?)null, v)).ToList(), indent, inline);
                break;
            case null:
                text.Append("null");
                break;
            default:
                text.Append(Scalar(node.AsValue()));
                break;
        }
    }

    private void WriteContainer(StringBuilder text, char open, char close, List<(string? Name, JsonNode? Value)> children, string indent, bool inline)
    {
        text.Append(open);
        var inner = indent + Unit;
        for (var i = 0; i < children.Count; i++)
        {
            if (i > 0)
                text.Append(inline ? InlineComma : ",");
            if (!inline)
                text.Append(NewLine).Append(inner);
            if (children[i].Name is { } name)
                text.Append(String(name)).Append(inline ? InlineColon : Colon);
            Write(text, children[i].Value, inner, inline);
        }

        if (!inline && children.Count > 0)
            text.Append(NewLine).Append(indent);
        text.Append(close);
    }

    // On one line inside an indented file, space things out as the indented parts do.
    private string InlineComma => Multiline ? ", " : Comma;

    private string InlineColon => Multiline ? ": " : Colon;

    public static string String(string value) =>
        "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() + "\"";

    private static string Scalar(JsonValue value) =>
        value.GetValueKind() switch
        {
            JsonValueKind.String => String(value.GetValue<string>()),
            JsonValueKind.Number => value.GetValue<int>().ToString(CultureInfo.InvariantCulture),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "null",
        };

    private static string? FirstColon(string text, JsonSpan node)
    {
        foreach (var member in node.Members)
        {
            var between = text[member.NameEnd..member.Value.Start];
            if (!between.Contains('\n', StringComparison.Ordinal) && between.Trim() == ":")
                return between;
        }

        return Descendants(node).Select(child => FirstColon(text, child)).FirstOrDefault(c => c is not null);
    }

    private static string? FirstComma(string text, JsonSpan node)
    {
        var children = node.Children;
        if (children.Count >= 2)
        {
            var between = text[children[0].End..children[1].Start];
            if (!between.Contains('\n', StringComparison.Ordinal) && between.Trim() == ",")
                return between;
        }

        return Descendants(node).Select(child => FirstComma(text, child)).FirstOrDefault(c => c is not null);
    }

    // The indent unit: how much further a container's first member on its own line sits than the container's line.
    private static string? FirstUnit(string text, JsonSpan node)
    {
        var children = node.Children;
        if (children.Count > 0 && StartsLine(text, children[0].Start))
        {
            var outer = LineIndent(text, node.Start);
            var inner = LineIndent(text, children[0].Start);
            if (inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal))
                return inner[outer.Length..];
        }

        return Descendants(node).Select(child => FirstUnit(text, child)).FirstOrDefault(u => u is not null);
    }

    private static IEnumerable<JsonSpan> Descendants(JsonSpan node) => node.Members.Select(m => m.Value).Concat(node.Items);
}
