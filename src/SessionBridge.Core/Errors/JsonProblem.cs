using System.Text.Json;

namespace SessionBridge.Errors;

/// <summary>
/// System.Text.Json's complaint about a file, in plain words for a person: where (line and column, counted from
/// 1) and, when it can tell, what (the file stops before an object is closed, a value of the wrong kind). Its own
/// messages name reader internals (<c>ZeroDepthAtEnd</c>, <c>Path: $.roles | LineNumber: 0</c>) nobody can act on.
/// </summary>
internal static class JsonProblem
{
    /// <summary>"it is not valid JSON at line 3, column 1: …", to follow "&lt;file&gt; is corrupt: ".</summary>
    public static string Describe(JsonException e)
    {
        var where = Locate(e) is var (line, column) ? $"at line {line}, column {column}" : "somewhere in it";
        return Explain(e) switch
        {
            Kind.WrongKind => $"a value {where} is not of the kind expected there (a text, a number, a list or an object)",
            Kind.CutShort => $"it is not valid JSON: it ends {where} before every {{ or [ is closed (is it cut short?)",
            _ => $"it is not valid JSON {where}: look there for a missing or extra comma, quote, colon or bracket",
        };
    }

    /// <summary>What is wrong, without the place: for messages that name the place themselves.</summary>
    public static string Reason(JsonException e) =>
        Explain(e) switch
        {
            Kind.WrongKind => "a value is not of the kind expected there",
            Kind.CutShort => "the file ends before every { or [ is closed (is it cut short?)",
            _ => "this is not valid JSON: look here for a missing or extra comma, quote, colon or bracket",
        };

    /// <summary>The 1-based line and column the reader stopped at, when it says.</summary>
    public static (int Line, int Column)? Locate(JsonException e) =>
        e.LineNumber is { } line ? ((int)line + 1, (int)(e.BytePositionInLine ?? 0) + 1) : null;

    // The NativeAOT build keeps resource keys (ZeroDepthAtEnd) instead of sentences: both are recognised.
    private static Kind Explain(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("could not be converted", StringComparison.Ordinal) || message.Contains("UnableToConvert", StringComparison.Ordinal))
            return Kind.WrongKind;
        if (message.Contains("depth to be zero", StringComparison.Ordinal) || message.Contains("ZeroDepthAtEnd", StringComparison.Ordinal)
            || message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || message.Contains("EndOfData", StringComparison.Ordinal))
            return Kind.CutShort;
        return Kind.Syntax;
    }

    private enum Kind
    {
        Syntax,
        CutShort,
        WrongKind,
    }
}
