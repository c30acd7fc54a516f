using System.Security.Cryptography;
using System.Text;

namespace SessionBridge.State;

/// <summary>
/// The lock file (in the state directory's locks/) that serializes typing into one pane across processes: two
/// sends pasted at once interleave their bytes and Enters (54 of 200 messages arrived intact without it).
/// </summary>
internal static class PaneLock
{
    public static Task<FileLock> AcquireAsync(
        StateDirectory directory,
        string? socket,
        string pane,
        TimeSpan timeout,
        CancellationToken cancellationToken
    )
    {
        var server = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(socket ?? "default")))[..12];
        var path = Path.Combine(directory.LocksDirectory, $"pane-{server}-{pane.TrimStart('%')}.lock");
        return FileLock.AcquireAsync(path, timeout, cancellationToken);
    }
}
