using System.Text.Json;
using SessionBridge.Setup;

namespace SessionBridge.Team;

/// <summary>
/// The JSON side of reading a team file: typed values out of <see cref="JsonSpan"/>s, unknown and repeated keys,
/// and errors that name the line and column of the span at fault. What the values mean is the reader's job.
/// </summary>
internal sealed class TeamFileJson(string path, string text)
{
    internal string NonEmptyText(JsonSpan span, string field)
    {
        var text = Text(span, field, "a text");
        return text.Trim().Length > 0 ? text : throw Fail(span.Start, field, "is empty: give a value or leave the key out");
    }

    internal string Text(JsonSpan span, string field, string expected) =>
        span.Kind == JsonValueKind.String ? span.String! : throw WrongKind(span, field, expected);

    internal bool Flag(JsonSpan span, string field) =>
        span.Kind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongKind(span, field, "true or false (without quotes)"),
        };

    internal IReadOnlyList<JsonSpan> TextList(JsonSpan span, string field)
    {
        if (span.Kind != JsonValueKind.Array)
            throw WrongKind(span, field, "a list of texts, e.g. [\"…\"]");
        foreach (var item in span.Items)
        {
            if (item.Kind != JsonValueKind.String)
                throw WrongKind(item, field, "a text (every item of the list is one)");
        }

        return span.Items;
    }

    internal void CheckMembers(JsonSpan span, string prefix, IReadOnlyList<string> known, string what)
    {
        CheckDuplicates(span, prefix.TrimEnd('.'));
        foreach (var member in span.Members)
        {
            if (known.Contains(member.Name))
                continue;
            var guess = known.FirstOrDefault(k => string.Equals(k, member.Name, StringComparison.OrdinalIgnoreCase))
                ?? known.Where(k => k != "$schema").OrderBy(k => Distance(k, member.Name)).FirstOrDefault(k => Distance(k, member.Name) <= 2);
            var hint = guess is null ? "" : $" Did you mean \"{guess}\"?";
            throw Fail(member.Start, prefix + member.Name,
                $"unknown key.{hint} {Capitalised(what)} takes {string.Join(", ", known.Where(k => k != "$schema"))}");
        }
    }

    internal void CheckDuplicates(JsonSpan span, string field)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in span.Members)
        {
            if (!seen.Add(member.Name))
                throw Fail(member.Start, field.Length == 0 ? member.Name : $"{field}.{member.Name}", "given twice: keep one");
        }
    }

    internal TeamFileException WrongKind(JsonSpan span, string field, string expected) =>
        Fail(span.Start, field, $"must be {expected}, not {KindOf(span)}");

    internal TeamFileException Fail(int offset, string? field, string problem)
    {
        var (line, column) = LineAndColumn(offset);
        return Fail(line, column, field, problem);
    }

    internal TeamFileException Fail(int? line, int? column, string? field, string problem)
    {
        var where = line is null ? path : $"{path}, line {line}, column {column}";
        var message = field is null ? $"{where}: {problem}." : $"{where}: {field}: {problem}.";
        return new TeamFileException(message, path, line, column, field);
    }

    private (int Line, int Column) LineAndColumn(int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    internal static string Shown(JsonSpan span) => span.Kind == JsonValueKind.String ? $"\"{span.String}\"" : KindOf(span);

    internal static string KindOf(JsonSpan span) =>
        span.Kind switch
        {
            JsonValueKind.String => $"the text \"{(span.String!.Length > 40 ? span.String[..40] + "…" : span.String)}\"",
            JsonValueKind.Number => $"the number {span.Text}",
            JsonValueKind.True or JsonValueKind.False => span.Text!,
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            _ => "null",
        };

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }
}
