namespace SessionBridge.State;

/// <summary>
/// Replaces a file whole: write a private temp file beside it, then rename over it. A reader sees the old file
/// or the new one, never half of either, and a writer killed part-way leaves only a stray temp file.
/// </summary>
internal static class AtomicFile
{
    /// <param name="durable">Flush to the disk before the rename (state that must survive a crash), or only to the kernel.</param>
    public static void Replace(string path, Action<Stream> write, bool durable)
    {
        var temp = Path.Combine(
            Path.GetDirectoryName(path)!,
            $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp"
        );
        try
        {
            using (
                var stream = new FileStream(
                    temp,
                    new FileStreamOptions
                    {
                        Mode = FileMode.CreateNew,
                        Access = FileAccess.Write,
                        Share = FileShare.None,
                        UnixCreateMode = FileModes.PrivateFile,
                    }
                )
            )
            {
                write(stream);
                stream.Flush(flushToDisk: durable);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temp file is harmless and named so it is recognisable.
        }
    }
}
