namespace SessionBridge.Testing;

/// <summary>A fresh directory under /tmp, deleted afterwards. Short paths: tmux sockets have a 108-byte limit.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "sb")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            // A read-only test may have left dirs without write permission.
            foreach (var dir in Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories))
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
