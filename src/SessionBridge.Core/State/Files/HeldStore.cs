using System.Text.Json;

namespace SessionBridge.State;

/// <summary>
/// held/: one small file per role with messages waiting to be handed over (see <see cref="HeldFile"/>). The
/// file is gone when nothing waits, so the hook, which runs on every event, learns that from one directory
/// listing. Only Held/HeldQueue changes it, under the role's mailbox lock
/// (<see cref="MessageLog.UnderMailboxLockAsync{T}"/>): that lock is what makes a handover happen once. Keyed by role, not pane, so a held message follows a role that re-registers.
/// </summary>
internal sealed class HeldStore(StateDirectory directory) : IHeldStore
{
    /// <summary>A message held longer than this is given up: whatever it asked is likely stale.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromDays(1);

    // Far above what a role's held messages take: each text is bounded, and a day's worth is given up.
    private const long MaxFileBytes = 64L * 1024 * 1024;

    public string PathFor(RoleName role) => Path.Combine(directory.HeldDirectory, role.Value + ".json");

    /// <summary>Whether any role has a message held: one listing, for the hook's every event.</summary>
    public Task<bool> AnyAsync(CancellationToken cancellationToken) => Task.FromResult(Any());

    private bool Any()
    {
        try
        {
            return System.IO.Directory.Exists(directory.HeldDirectory)
                && System.IO.Directory.EnumerateFiles(directory.HeldDirectory, "*.json").Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The roles that have a held/ file (a message held), in name order; none when the directory cannot be read.</summary>
    public Task<IReadOnlyList<RoleName>> RolesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RoleName>>(Roles());

    private List<RoleName> Roles()
    {
        try
        {
            if (!System.IO.Directory.Exists(directory.HeldDirectory))
                return [];
            return System
                .IO.Directory.EnumerateFiles(directory.HeldDirectory, "*.json")
                .Select(Path.GetFileNameWithoutExtension)
                .Where(RoleName.IsValid)
                .Select(name => RoleName.Trusted(name!))
                .OrderBy(role => role.Value, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The role's held messages, oldest first; none when the file is missing or unreadable.</summary>
    public Task<IReadOnlyList<MessageRecord>> ReadAsync(RoleName role, CancellationToken cancellationToken) => Task.FromResult(Read(role));

    private IReadOnlyList<MessageRecord> Read(RoleName role)
    {
        var path = PathFor(role);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxFileBytes)
                return [];
            var file = JsonSerializer.Deserialize(File.ReadAllBytes(path), StateJsonContext.Files.HeldFile);
            return file?.Messages ?? [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return [];
        }
    }

    /// <summary>Replaces the role's held messages (atomically: a reader sees the old list or the new); none removes the file.</summary>
    public Task WriteAsync(RoleName role, IReadOnlyList<MessageRecord> messages, CancellationToken cancellationToken)
    {
        Write(role, messages);
        return Task.CompletedTask;
    }

    private void Write(RoleName role, IReadOnlyList<MessageRecord> messages)
    {
        var path = PathFor(role);
        try
        {
            if (messages.Count == 0)
            {
                File.Delete(path);
                return;
            }

            System.IO.Directory.CreateDirectory(directory.HeldDirectory, FileModes.PrivateDirectory);
            // Held messages must survive a crash until handed over: flushed to the disk before the rename.
            AtomicFile.Replace(
                path,
                stream => JsonSerializer.Serialize(stream, new HeldFile(messages), StateJsonContext.Files.HeldFile),
                durable: true
            );
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateException(
                $"Cannot write {path}: {e.Message}. Check free disk space and that the state directory is writable by this user.",
                StateOrigin.File(path),
                e
            );
        }
    }
}
