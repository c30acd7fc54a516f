using System.Text;
using System.Text.Json;

namespace SessionBridge.Setup;

/// <summary>
/// Reads a whole JSON document into <see cref="JsonSpan"/>s with Utf8JsonReader's token positions, turned
/// from UTF-8 byte offsets into offsets in the string, where the edits are made.
/// </summary>
internal static class JsonSpanReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 256,
    };

    /// <exception cref="JsonException">The bytes are not one valid JSON value.</exception>
    public static JsonSpan Read(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var at = CharOffsets(text, utf8.Length);
        var reader = new Utf8JsonReader(utf8, Options);
        if (!reader.Read())
            throw new JsonException("the file is empty");
        var root = ReadValue(ref reader, at);
        if (reader.Read())
            throw new JsonException($"more than one value (at byte {reader.TokenStartIndex})");
        return root;
    }

    private static JsonSpan ReadValue(ref Utf8JsonReader reader, int[] at)
    {
        var start = at[reader.TokenStartIndex];
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var members = new List<JsonSpanMember>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    var nameStart = at[reader.TokenStartIndex];
                    var nameEnd = at[reader.BytesConsumed];
                    reader.Read();
                    members.Add(new JsonSpanMember(name, nameStart, nameEnd, ReadValue(ref reader, at)));
                }

                return new JsonSpan(JsonValueKind.Object, start, at[reader.TokenStartIndex] + 1, null, members, []);
            case JsonTokenType.StartArray:
                var items = new List<JsonSpan>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, at));
                return new JsonSpan(JsonValueKind.Array, start, at[reader.TokenStartIndex] + 1, null, [], items);
            case JsonTokenType.String:
                return new JsonSpan(JsonValueKind.String, start, at[reader.BytesConsumed], reader.GetString(), [], []);
            case JsonTokenType.Number:
                return new JsonSpan(JsonValueKind.Number, start, at[reader.BytesConsumed], Encoding.UTF8.GetString(reader.ValueSpan), [], []);
            case JsonTokenType.True:
                return new JsonSpan(JsonValueKind.True, start, at[reader.BytesConsumed], "true", [], []);
            case JsonTokenType.False:
                return new JsonSpan(JsonValueKind.False, start, at[reader.BytesConsumed], "false", [], []);
            default:
                return new JsonSpan(JsonValueKind.Null, start, at[reader.BytesConsumed], "null", [], []);
        }
    }

    // at[byte offset] = the offset of the same character in the string (set at every character's first byte).
    private static int[] CharOffsets(string text, int byteCount)
    {
        var at = new int[byteCount + 1];
        var b = 0;
        for (var c = 0; c < text.Length; c++)
        {
            at[b] = c;
            if (char.IsHighSurrogate(text[c]) && c + 1 < text.Length && char.IsLowSurrogate(text[c + 1]))
            {
                b += 4;
                c++;
            }
            else
            {
                b += Encoding.UTF8.GetByteCount(text.AsSpan(c, 1));
            }
        }

        at[byteCount] = text.Length;
        return at;
    }
}
