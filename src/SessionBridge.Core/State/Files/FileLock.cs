namespace SessionBridge.State;

/// <summary>
/// An exclusive cross-process lock on a separate lock file. .NET maps <see cref="FileShare.None"/> to a
/// non-blocking flock, so a second opener fails at once: retry with a short backoff up to a bound, and give up at
/// once when the caller is cancelled.
/// </summary>
internal sealed class FileLock : IDisposable
{
    // When flock says EWOULDBLOCK, .NET throws an IOException whose HResult is that errno
    // (11 on Linux, 35 on macOS).
    private const int WouldBlockLinux = 11;
    private const int WouldBlockMac = 35;

    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static async Task<FileLock> AcquireAsync(string lockPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var delay = 1;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var stream = new FileStream(
                    lockPath,
                    new FileStreamOptions
                    {
                        Mode = FileMode.OpenOrCreate,
                        Access = FileAccess.ReadWrite,
                        Share = FileShare.None,
                        UnixCreateMode = FileModes.PrivateFile,
                    }
                );
                return new FileLock(stream);
            }
            catch (IOException e) when (e.HResult is WouldBlockLinux or WouldBlockMac)
            {
                if (Environment.TickCount64 >= deadline)
                {
                    throw new StateException(
                        $"Timed out after {timeout.TotalSeconds:0.#} s waiting for the lock {lockPath}: another "
                            + "session-bridge process holds it. Try again; if it persists, look for a hung process.",
                        StateOrigin.File(lockPath),
                        e
                    );
                }

                await Task.Delay(Random.Shared.Next(delay, delay * 2 + 1), cancellationToken);
                delay = Math.Min(delay * 2, 20);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StateException(
                    $"Cannot open the lock file {lockPath}: {e.Message}. Check that the state directory is "
                        + "writable by this user and the disk is not full.",
                    StateOrigin.File(lockPath),
                    e
                );
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
