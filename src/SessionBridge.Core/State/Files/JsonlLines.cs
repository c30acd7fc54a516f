using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SessionBridge.State;

/// <summary>The line-level reading of a <see cref="JsonlLog"/>: its lines from the end backwards, one line parsed.</summary>
internal static class JsonlLines
{
    internal static int LastByte(FileStream stream, long length)
    {
        stream.Seek(length - 1, SeekOrigin.Begin);
        return stream.ReadByte();
    }

    internal static T? Parse<T>(string line, JsonTypeInfo<T> typeInfo)
    {
        if (line.Length == 0)
            return default;
        try
        {
            return JsonSerializer.Deserialize(line, typeInfo);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>The log's length now: where a follower starts.</summary>
    /// <summary>Complete, newline-terminated lines from the end of the stream towards its start.</summary>
    internal static IEnumerable<ReadOnlyMemory<byte>> ReadLinesBackwards(FileStream stream)
    {
        var position = stream.Length;
        var carry = Array.Empty<byte>();
        var seenNewline = false;
        while (position > 0)
        {
            var count = (int)Math.Min(JsonlLog.ChunkSize, position);
            position -= count;

            // The chunk, followed by the start of the line that continues past it.
            var data = new byte[count + carry.Length];
            stream.Seek(position, SeekOrigin.Begin);
            stream.ReadExactly(data, 0, count);
            carry.CopyTo(data, count);

            var end = data.Length;
            for (var i = count - 1; i >= 0; i--)
            {
                if (data[i] != '\n')
                    continue;

                // Bytes after the last newline of the file are an unterminated tail: not a record.
                if (seenNewline)
                    yield return data.AsMemory(i + 1, end - i - 1);
                seenNewline = true;
                end = i;
            }

            carry = data[..end];
        }

        if (seenNewline && carry.Length > 0)
            yield return carry;
    }
}
