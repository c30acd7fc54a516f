namespace SessionBridge.State;

/// <summary>
/// Wakes a waiter when one of a few state files changes: a pane's presence (written by the hook, renamed into
/// place) or a mailbox (appended to). One FileSystemWatcher (inotify) per directory, filtered here by name,
/// so a waiter sleeps instead of polling. A change that comes while nobody waits is kept for the next wait.
/// </summary>
internal sealed class StateWatch : IStateWatch
{
    private readonly HashSet<string> _names;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="files">Full paths; those whose directory does not exist are not watched (the fallback sees them).</param>
    private StateWatch(IReadOnlyCollection<string> files)
    {
        _names = files.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        foreach (var directory in _names.Select(Path.GetDirectoryName).Distinct())
        {
            if (directory is null || !Directory.Exists(directory))
                continue;
            var watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                IncludeSubdirectories = false,
            };
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.Renamed += OnChange;
            watcher.Error += (_, _) => Signal();
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    /// <summary>Watches <paramref name="pane"/>'s presence file and <paramref name="mailbox"/>'s inbox, either may be null.</summary>
    public static StateWatch For(StateDirectory directory, PaneIdentity? pane, RoleName? mailbox)
    {
        var files = new List<string>();
        if (pane is not null)
            files.Add(new PresenceStore(directory).PathFor(pane.Socket, pane.Pane));
        if (mailbox is { } role)
            files.Add(directory.MailboxPath(role));
        return new StateWatch(files);
    }

    /// <summary>
    /// Returns true as soon as a watched file has changed since the last call returned true, false after
    /// <paramref name="timeout"/> on <paramref name="clock"/>.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_gate)
            changed = _changed.Task;
        if (!changed.IsCompleted && timeout > TimeSpan.Zero)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, clock, stop.Token);
            await Task.WhenAny(changed, delay);
            stop.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (!changed.IsCompleted)
            return false;
        lock (_gate)
        {
            if (_changed.Task == changed)
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return true;
    }

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (_names.Contains(e.FullPath) || (e is RenamedEventArgs renamed && _names.Contains(renamed.OldFullPath)))
            Signal();
    }

    private void Signal()
    {
        lock (_gate)
            _changed.TrySetResult();
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
            watcher.Dispose();
    }
}
