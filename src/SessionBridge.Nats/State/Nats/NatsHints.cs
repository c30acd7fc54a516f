namespace SessionBridge.State.Nats;

/// <summary>
/// Local hint files for the NATS store: <c>&lt;state directory&gt;/nats-hints/&lt;name&gt;</c> exists while the team
/// may have an entry of that kind (a supervision, a permission request, a held message). The hook asks
/// <c>Any()</c> on every Claude Code event and must stay off the network, so on NATS it answers from here.
/// A hint is set by whoever writes such an entry on this host (after the write), and by the host agent when a
/// bucket watch shows one written on another host; it is cleared when a full read finds none. A hint that is
/// left over is only a false alarm (the hook then reads the store and finds nothing); a missing one would hide
/// an entry, so every step errs towards the hint existing.
/// </summary>
internal static class NatsHints
{
    /// <summary>The hint that some role may be supervised (the supervision bucket has an entry).</summary>
    public const string Supervision = "supervision";

    /// <summary>The hint that a permission request may exist (the requests bucket has an entry).</summary>
    public const string Requests = "requests";

    /// <summary>The hint that a message may be held for a role (the held bucket has an entry).</summary>
    public const string Held = "held";

    /// <summary>The folder of the hints: <c>&lt;state directory&gt;/nats-hints</c>.</summary>
    public static string DirectoryOf(StateDirectory directory) => Path.Combine(directory.Root, "nats-hints");

    /// <summary>The path of the hint <paramref name="name"/> (one of the constants here).</summary>
    public static string PathOf(StateDirectory directory, string name) => Path.Combine(DirectoryOf(directory), name);

    /// <summary>Whether the hint exists: one stat, no network. False when it cannot be looked at.</summary>
    public static bool Exists(StateDirectory directory, string name)
    {
        try
        {
            return File.Exists(PathOf(directory, name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Creates the hint (an empty 0600 file in a 0700 folder); does nothing when it exists.</summary>
    /// <exception cref="StateException">The hint cannot be written: the hook would miss the entry.</exception>
    public static void Set(StateDirectory directory, string name)
    {
        var path = PathOf(directory, name);
        try
        {
            if (File.Exists(path))
                return;
            Directory.CreateDirectory(DirectoryOf(directory), FileModes.PrivateDirectory);
            using var _ = new FileStream(
                path,
                new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate,
                    Access = FileAccess.Write,
                    UnixCreateMode = FileModes.PrivateFile,
                }
            );
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateException(
                $"Cannot write {path}: {e.Message}. The hooks of this machine look there before asking NATS; "
                    + $"make {directory.Root} writable by this user.",
                StateOrigin.File(path),
                e
            );
        }
    }

    /// <summary>
    /// After a full read found no entry: clears the hint, then looks again with <paramref name="foundNow"/>, and sets it
    /// back when that finds one. An entry written meanwhile by this host either shows in the second look or sets its
    /// hint after the clear: never a hint missing while an entry exists.
    /// </summary>
    public static async Task ClearUnlessFoundAsync(StateDirectory directory, string name, Func<Task<bool>> foundNow)
    {
        Clear(directory, name);
        if (await foundNow())
            Set(directory, name);
    }

    /// <summary>Removes the hint; a hint that cannot be removed stays (a false alarm, never a lost entry).</summary>
    public static void Clear(StateDirectory directory, string name)
    {
        try
        {
            File.Delete(PathOf(directory, name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
