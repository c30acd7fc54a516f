namespace SessionBridge.Server.Cli.Board;

/// <summary>
/// Watches the state directory (registry, conversation, mailboxes, presence) and calls <paramref name="changed"/>
/// on every change, so the board redraws when something happens rather than polling files. A directory that does
/// not exist yet is watched from the moment <see cref="Attach"/> finds it. Lock files are left out: every
/// write takes one, and reads never change anything.
/// </summary>
internal sealed class StateWatcher(string root, Action changed) : IDisposable
{
    private FileSystemWatcher? _watcher;

    /// <summary>Starts watching if the directory now exists; the board calls this on every slow refresh.</summary>
    public void Attach()
    {
        if (_watcher is not null || !Directory.Exists(root))
            return;
        try
        {
            var watcher = new FileSystemWatcher(root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.Deleted += OnChange;
            watcher.Renamed += OnChange;
            // Too many events at once, or the directory went: redraw now and watch afresh.
            watcher.Error += (_, _) => Detach();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
            changed();
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Gone again, or out of inotify watches: the slow refresh still shows the board, a little later.
        }
    }

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        var relative = Path.GetRelativePath(root, e.FullPath);
        if (relative.StartsWith("locks", StringComparison.Ordinal) || e.FullPath.EndsWith(".lock", StringComparison.Ordinal))
            return;
        changed();
    }

    private void Detach()
    {
        var watcher = Interlocked.Exchange(ref _watcher, null);
        watcher?.Dispose();
        changed();
    }

    public void Dispose() => Interlocked.Exchange(ref _watcher, null)?.Dispose();
}
