namespace SessionBridge.State.Nats;

/// <summary>
/// The local file <c>nats-hints/held</c>: there when a message may be held somewhere in the team, so the hook, which
/// asks on every Claude Code event, learns "nothing held" without the network. Set by the held store when it holds
/// a message on this host (and by the host agent for other hosts' writes), cleared when a look at the team finds none.
/// </summary>
internal static class HeldHint
{
    public static string PathIn(StateDirectory directory) => Path.Combine(directory.Root, "nats-hints", "held");

    public static bool Exists(StateDirectory directory) => File.Exists(PathIn(directory));

    public static void Set(StateDirectory directory)
    {
        var path = PathIn(directory);
        try
        {
            if (File.Exists(path))
                return;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!, FileModes.PrivateDirectory);
            using var _ = new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = FileModes.PrivateFile });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateException($"Cannot write {path}: {e.Message}. Check that the state directory is writable by this user.", path, e);
        }
    }

    public static void Clear(StateDirectory directory)
    {
        try
        {
            File.Delete(PathIn(directory));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A hint left behind costs one look at the team on the next event, nothing more.
        }
    }
}
