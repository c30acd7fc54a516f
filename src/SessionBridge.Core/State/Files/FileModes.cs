namespace SessionBridge.State;

/// <summary>
/// The modes our private files and directories must have: prompts steer agents, so whoever can write the
/// state can type into your sessions. One home for them, shared by the state files and doctor's check.
/// </summary>
internal static class FileModes
{
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>True when anyone but the owner may read, write or enter <paramref name="path"/>.</summary>
    public static bool IsOpenToOthers(string path) =>
        (File.GetUnixFileMode(path) & ~(PrivateDirectory | UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit)) != 0;
}
