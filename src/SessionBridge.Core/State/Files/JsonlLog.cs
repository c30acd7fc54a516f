using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SessionBridge.State;

/// <summary>
/// An append-only JSON Lines file shared by many processes. Appends hold an exclusive lock on a separate
/// lock file and write the whole line in one write at the end of the file (.NET's FileMode.Append is
/// not O_APPEND and loses lines). Reads go backwards from the end, so they cost what they return, not
/// the size of the log.
/// </summary>
internal sealed class JsonlLog(string path, TimeSpan lockTimeout)
{
    internal const int ChunkSize = 64 * 1024;

    public string Path { get; } = path;

    public async Task AppendAsync<T>(T record, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(record, typeInfo);
        using var held = await FileLock.AcquireAsync(StateDirectory.LockPathFor(Path), lockTimeout, cancellationToken);
        Write(json);
    }

    /// <summary>The lock that guards appends: held by <see cref="AppendAsync{T}"/>, or by a caller of <see cref="AppendWhileLocked{T}"/>.</summary>
    public Task<FileLock> LockAsync(CancellationToken cancellationToken) =>
        FileLock.AcquireAsync(StateDirectory.LockPathFor(Path), lockTimeout, cancellationToken);

    /// <summary>Appends while the caller holds <see cref="LockAsync"/> (a flock is per open file: taking it again would wait on ourselves).</summary>
    public void AppendWhileLocked<T>(T record, JsonTypeInfo<T> typeInfo) => Write(JsonSerializer.SerializeToUtf8Bytes(record, typeInfo));

    private void Write(byte[] json)
    {
        FileStream? stream = null;
        var length = -1L;
        try
        {
            stream = OpenForWriting();
            length = stream.Length;

            // A process killed mid-write leaves a torn tail: end it first so our line stays whole.
            var tornTail = false;
            if (length > 0)
            {
                stream.Seek(length - 1, SeekOrigin.Begin);
                tornTail = stream.ReadByte() != '\n';
            }

            var line = new byte[json.Length + (tornTail ? 2 : 1)];
            var offset = 0;
            if (tornTail)
                line[offset++] = (byte)'\n';
            json.CopyTo(line, offset);
            line[^1] = (byte)'\n';

            stream.Seek(length, SeekOrigin.Begin);
            stream.Write(line);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk can take part of the line before it refuses the rest: cut that part off again,
            // so the log never holds half a message. We still hold the lock, so nobody wrote after it.
            if (stream is not null && length >= 0)
                TryTruncate(stream, length);
            throw new StateException(
                $"Cannot write to {Path}: {e.Message}. Check free disk space and that the state directory is "
                    + "writable by this user.",
                StateOrigin.File(Path),
                e
            );
        }
        finally
        {
            stream?.Dispose();
        }
    }

    /// <summary>
    /// Fails, as <see cref="AppendAsync{T}"/> would, when the log cannot be opened for writing (a read-only
    /// directory or file system, wrong owner), so a caller can find out before it does something it
    /// would have to log.
    /// </summary>
    public void CheckWritable()
    {
        try
        {
            OpenForWriting().Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateException(
                $"Cannot write to {Path}: {e.Message}. Check that the state directory is writable by this user.",
                StateOrigin.File(Path),
                e
            );
        }
    }

    private FileStream OpenForWriting() =>
        new(
            Path,
            new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.ReadWrite | FileShare.Delete,
                UnixCreateMode = FileModes.PrivateFile,
                // Unbuffered: a write that fails must fail here, not again later in Dispose.
                BufferSize = 0,
            }
        );

    private static void TryTruncate(FileStream stream, long length)
    {
        try
        {
            if (stream.Length > length)
                stream.SetLength(length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a torn tail left behind is skipped by readers and ended by the next writer.
        }
    }

    /// <summary>
    /// The newest <paramref name="limit"/> records that match, oldest first. Corrupt lines are skipped and
    /// counted; an unterminated last line (a write still in progress, or torn) is never a record.
    /// </summary>
    /// <param name="stopAt">Reading ends at the first record (from the end) for which this is true; that record is not returned.</param>
    public LogPage<T> ReadLast<T>(
        int limit,
        JsonTypeInfo<T> typeInfo,
        Func<T, bool>? filter = null,
        Func<T, bool>? stopAt = null
    )
    {
        var newestFirst = new List<T>(Math.Min(limit, 1024));
        var skipped = 0;
        if (limit <= 0 || !File.Exists(Path))
            return new LogPage<T>([], skipped);

        try
        {
            using var stream = new FileStream(
                Path,
                FileMode.Open,
                FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete,
                bufferSize: 1
            );
            foreach (var line in JsonlLines.ReadLinesBackwards(stream))
            {
                if (line.IsEmpty)
                    continue;

                T? record;
                try
                {
                    record = JsonSerializer.Deserialize(line.Span, typeInfo);
                }
                catch (JsonException)
                {
                    skipped++;
                    continue;
                }

                if (record is null)
                {
                    skipped++;
                    continue;
                }

                if (stopAt is not null && stopAt(record))
                    break;

                if (filter is not null && !filter(record))
                    continue;

                newestFirst.Add(record);
                if (newestFirst.Count >= limit)
                    break;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateException(
                $"Cannot read {Path}: {e.Message}. Check that it is readable by this user.",
                StateOrigin.File(Path),
                e
            );
        }

        newestFirst.Reverse();
        return new LogPage<T>(newestFirst, skipped);
    }

    /// <summary>
    /// Every record from the first line to the last, read forwards a line at a time (a copy of the whole log, however
    /// long). Corrupt lines are skipped as everywhere; an unterminated last line (a write in progress, or torn) is not a record.
    /// </summary>
    public IEnumerable<T> ReadAll<T>(JsonTypeInfo<T> typeInfo)
    {
        if (!File.Exists(Path))
            yield break;
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var end = stream.Length;
        var terminated = end > 0 && JsonlLines.LastByte(stream, end) == '\n';
        stream.Seek(0, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        string? pending = null;
        while (reader.ReadLine() is { } line)
        {
            if (pending is not null && JsonlLines.Parse(pending, typeInfo) is { } record)
                yield return record;
            pending = line;
        }

        if (terminated && pending is not null && JsonlLines.Parse(pending, typeInfo) is { } last)
            yield return last;
    }

    public long Length => File.Exists(Path) ? new FileInfo(Path).Length : 0;

    /// <summary>
    /// Complete records written after <paramref name="position"/>, for following the log live; returns the
    /// position after the last complete line (an unterminated tail is left for the next call).
    /// </summary>
    public (IReadOnlyList<T> Records, long Position) ReadFrom<T>(long position, JsonTypeInfo<T> typeInfo)
    {
        if (!File.Exists(Path))
            return ([], position);
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < position)
            position = 0; // the log was replaced: start over
        if (stream.Length == position)
            return ([], position);

        stream.Seek(position, SeekOrigin.Begin);
        var bytes = new byte[stream.Length - position];
        stream.ReadExactly(bytes);
        var end = Array.LastIndexOf(bytes, (byte)'\n');
        if (end < 0)
            return ([], position);

        var records = new List<T>();
        var start = 0;
        for (var i = 0; i <= end; i++)
        {
            if (bytes[i] != '\n')
                continue;
            if (i > start)
            {
                try
                {
                    if (JsonSerializer.Deserialize(bytes.AsSpan(start, i - start), typeInfo) is { } record)
                        records.Add(record);
                }
                catch (JsonException)
                {
                    // A corrupt line is skipped here as everywhere.
                }
            }

            start = i + 1;
        }

        return (records, position + end + 1);
    }
}
