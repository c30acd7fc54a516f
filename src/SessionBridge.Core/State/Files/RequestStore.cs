using System.Text.Json;

namespace SessionBridge.State;

/// <summary>
/// requests/: one file per permission request of a supervised peer (<see cref="PermissionRequestRecord"/>). The
/// waiting hook reads its own file; every change is made under that file's lock, so a request leaves pending once
/// however many deciders race. Ended requests stay a day, so that a late answer can be told it is stale.
/// </summary>
internal sealed class RequestStore(StateDirectory directory, TimeSpan lockTimeout) : IRequestStore
{
    /// <summary>An ended request is kept this long.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromDays(1);

    public string PathFor(string id) => Path.Combine(directory.RequestsDirectory, id + ".json");

    /// <summary>Whether any request file exists: one listing, for the hook's every event.</summary>
    public Task<bool> AnyAsync(CancellationToken cancellationToken) => Task.FromResult(Any());

    private bool Any()
    {
        try
        {
            return Directory.Exists(directory.RequestsDirectory)
                && Directory.EnumerateFiles(directory.RequestsDirectory, "*.json").Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public Task<PermissionRequestRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(IsValidId(id) ? Read(PathFor(id)) : null);

    /// <summary>Every request on file, oldest first.</summary>
    public Task<IReadOnlyList<PermissionRequestRecord>> AllAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PermissionRequestRecord>>(All());

    private List<PermissionRequestRecord> All()
    {
        try
        {
            if (!Directory.Exists(directory.RequestsDirectory))
                return [];
            return Directory
                .EnumerateFiles(directory.RequestsDirectory, "*.json")
                .Select(Read)
                .OfType<PermissionRequestRecord>()
                .OrderBy(r => r.CreatedAt)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Writes a new request, and forgets ended ones older than <see cref="Keep"/>.</summary>
    public Task CreateAsync(PermissionRequestRecord request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory.RequestsDirectory, FileModes.PrivateDirectory);
        foreach (var old in All().Where(r => !r.IsPending && r.EndedAt is { } ended && now - ended > Keep))
            Delete(old.Id);
        Write(request);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the request under its lock: it returns the new record, or null to leave
    /// it. Returns what is on file afterwards; null when there is no such request.
    /// </summary>
    public async Task<PermissionRequestRecord?> UpdateAsync(
        string id,
        Func<PermissionRequestRecord, PermissionRequestRecord?> change,
        CancellationToken cancellationToken
    )
    {
        if (!IsValidId(id))
            return null;
        var path = PathFor(id);
        using var held = await FileLock.AcquireAsync(StateDirectory.LockPathFor(path), lockTimeout, cancellationToken);
        var current = Read(path);
        if (current is null)
            return null;
        var changed = change(current);
        if (changed is null)
            return current;
        Write(changed);
        return changed;
    }

    private void Delete(string id)
    {
        try
        {
            File.Delete(PathFor(id));
            File.Delete(StateDirectory.LockPathFor(PathFor(id)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next sweep.
        }
    }

    private void Write(PermissionRequestRecord request)
    {
        var path = PathFor(request.Id);
        try
        {
            AtomicFile.Replace(
                path,
                stream => JsonSerializer.Serialize(stream, request, StateJsonContext.Files.PermissionRequestRecord),
                durable: false
            );
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateException($"Cannot write {path}: {e.Message}. Check free disk space and that the state directory is writable.", StateOrigin.File(path), e);
        }
    }

    private static PermissionRequestRecord? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), StateJsonContext.Files.PermissionRequestRecord);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    // Ids are ours (hex), but respond takes one from a caller: never let it name a path.
    internal static bool IsValidId(string id) => id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit);
}
