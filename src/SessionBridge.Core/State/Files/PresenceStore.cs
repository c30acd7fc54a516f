using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SessionBridge.State;

/// <summary>
/// The presence files, one per tmux server and pane: <c>presence/&lt;socket hash&gt;-&lt;pane number&gt;.json</c>.
/// The hook writes them (<see cref="Update"/>); the server reads them (<see cref="Read(PaneIdentity)"/>).
/// A file that is missing, corrupt, too big or another pane process's is no presence: never an exception,
/// and all but the missing one are reported to <c>warn</c>, so the caller can fall back on the screen.
/// </summary>
internal sealed class PresenceStore(StateDirectory directory, Action<string>? warn = null)
{
    /// <summary>Far above what the hook writes (the answer is bounded to 8,000 characters).</summary>
    public const int MaxFileBytes = 64 * 1024;

    /// <summary>The directory to watch (FileSystemWatcher, filter <c>*.json</c>; temp files end in .tmp).</summary>
    public string Directory => directory.PresenceDirectory;

    /// <summary>The file for <paramref name="pane"/> on the tmux server at <paramref name="socket"/>.</summary>
    public string PathFor(string socket, string pane) => Path.Combine(Directory, FileNameFor(socket, pane));

    public Presence? Read(PeerRegistration peer) =>
        PaneIdentity.Of(peer) is { } pane ? Read(pane) : null;

    public Presence? Read(string socket, int serverPid, string pane, int panePid) =>
        Read(new PaneIdentity(socket, serverPid, pane, panePid));

    /// <summary>The presence this pane process recorded, or null.</summary>
    public Presence? Read(PaneIdentity pane)
    {
        var path = PathFor(pane.Socket, pane.Pane);
        var presence = ReadFile(path);
        if (presence is null)
            return null;
        if (presence.Identity == pane)
            return presence;

        warn?.Invoke(
            $"Ignoring {path}: it was written for pane {presence.Pane} (pid {presence.PanePid}) of the tmux server "
                + $"{presence.Socket} (pid {presence.ServerPid}), not pane {pane.Pane} (pid {pane.PanePid}) of "
                + $"{pane.Socket} (pid {pane.ServerPid}). tmux was restarted or the pane reused; the screen decides."
        );
        return null;
    }

    /// <summary>
    /// Reads this pane's record, hands it to <paramref name="change"/> (null when there is none, or it is a
    /// stranger's) and writes what comes back, atomically and 0600, under a lock held at most
    /// <paramref name="lockTimeout"/>. A null from <paramref name="change"/> writes nothing.
    /// </summary>
    public async Task<Presence?> UpdateAsync(
        PaneIdentity pane,
        Func<Presence?, Presence?> change,
        TimeSpan lockTimeout,
        CancellationToken cancellationToken
    )
    {
        CreateDirectory(Directory);
        CreateDirectory(directory.LocksDirectory);
        var path = PathFor(pane.Socket, pane.Pane);
        using var held = await FileLock.AcquireAsync(
            Path.Combine(directory.LocksDirectory, "presence-" + Path.GetFileName(path) + ".lock"),
            lockTimeout,
            cancellationToken
        );
        var current = ReadFile(path);
        var next = change(current?.Identity == pane ? current : null);
        if (next is not null)
            Write(path, next);
        return next;
    }

    private Presence? ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            if (stream.Length > MaxFileBytes)
            {
                warn?.Invoke($"Ignoring {path}: {stream.Length:N0} bytes is more than a presence file holds ({MaxFileBytes:N0} at most).");
                return null;
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warn?.Invoke($"Ignoring {path}: cannot read it ({e.Message}).");
            return null;
        }

        try
        {
            return PresenceJson.Read(bytes);
        }
        catch (JsonException e)
        {
            warn?.Invoke($"Ignoring {path}: it is not a presence record ({e.Message}).");
            return null;
        }
    }

    // To the kernel, not the disk: presence dies with the tmux server anyway, and an fsync on every hook
    // event would cost more than the rest of the hook.
    private static void Write(string path, Presence presence) =>
        AtomicFile.Replace(path, stream => PresenceJson.Write(stream, presence), durable: false);

    private static void CreateDirectory(string path)
    {
        if (!System.IO.Directory.Exists(path))
            System.IO.Directory.CreateDirectory(path, FileModes.PrivateDirectory);
    }

    /// <summary>
    /// A socket path holds slashes and may be long, so it is hashed (FNV-1a, 64 bits: stable across runs and
    /// processes, and cheap; the record itself names the socket, so a collision is caught on reading).
    /// </summary>
    internal static string FileNameFor(string socket, string pane)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(socket))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        var number = pane.StartsWith('%') ? pane[1..] : pane;
        if (number.Length == 0 || !number.All(char.IsAsciiDigit))
            throw new ArgumentException($"\"{pane}\" is not a tmux pane id such as %3.", nameof(pane));
        return hash.ToString("x16", CultureInfo.InvariantCulture) + "-" + number + ".json";
    }
}
