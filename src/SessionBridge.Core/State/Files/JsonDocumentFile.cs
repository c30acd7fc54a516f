using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SessionBridge.State;

/// <summary>
/// A JSON file that many processes read, modify and write: updates hold a lock, write a temp file in the
/// same directory, flush it to disk and move it over the old one, so a reader sees the old or the new
/// file, never half of one. A corrupt file is an error, never a silent reset.
/// </summary>
/// <param name="typeInfo">
/// The serializer's metadata, built on first use: a store opens every file, a hook event reads one or two, and
/// building a file's metadata is a large part of a hook's own work.
/// </param>
internal sealed class JsonDocumentFile<T>(
    string path,
    Func<JsonTypeInfo<T>> typeInfo,
    Func<T> empty,
    TimeSpan lockTimeout,
    string whatItHolds,
    Func<T, string?>? problem = null
)
    where T : class
{
    public string Path { get; } = path;

    private JsonTypeInfo<T> TypeInfo => field ??= typeInfo();

    public T Read()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return empty();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateException(
                $"Cannot read {Path}: {e.Message}. Check that it is readable by this user.",
                StateOrigin.File(Path),
                e
            );
        }

        if (bytes.Length == 0)
            return empty();

        T document;
        try
        {
            document = JsonSerializer.Deserialize(bytes, TypeInfo) ?? throw Corrupt("it holds null, not an object");
        }
        catch (JsonException e)
        {
            throw Corrupt(JsonProblem.Describe(e), e);
        }

        return problem?.Invoke(document) is { } lacking ? throw Corrupt(lacking) : document;
    }

    private StateException Corrupt(string what, Exception? inner = null) =>
        new(
            $"{Path} is corrupt: {what}. It holds {whatItHolds}; session-bridge will not reset it, "
                + "since that would lose them. Fix the JSON by hand, or move the file aside to start afresh.",
            StateOrigin.File(Path),
            inner
        );

    /// <summary>Applies <paramref name="change"/> under the lock and saves its result.</summary>
    public async Task<TResult> UpdateAsync<TResult>(Func<T, (T Document, TResult Result)> change, CancellationToken cancellationToken)
    {
        using var held = await FileLock.AcquireAsync(StateDirectory.LockPathFor(Path), lockTimeout, cancellationToken);
        var (document, result) = change(Read());
        Write(document);
        return result;
    }

    private void Write(T document)
    {
        try
        {
            AtomicFile.Replace(Path, stream => JsonSerializer.Serialize(stream, document, TypeInfo), durable: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateException(
                $"Cannot write {Path}: {e.Message}. Nothing was changed. Check free disk space and that the "
                    + "state directory is writable by this user.",
                StateOrigin.File(Path),
                e
            );
        }
    }
}
