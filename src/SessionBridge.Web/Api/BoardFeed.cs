using SessionBridge.Server.Cli.Board;
using SessionBridge.Web.Requests;
using SessionBridge.Web.Teams;

namespace SessionBridge.Web.Api;

/// <summary>
/// The board's live view, rebuilt when a state file changes (the watch <c>session-bridge watch</c> has: inotify on the
/// state directory, bursts settled into one rebuild), and only while a browser is subscribed: with nobody looking it
/// marks itself out of date and does nothing. No timer reads any screen: a peer whose state comes from its screen keeps
/// its last reading until a state file changes.
/// </summary>
internal sealed class BoardFeed(IBoardTeams teams, IRequestDesk desk, Action<string> log) : IAsyncDisposable
{
    // When the state directory does not exist yet, how often to look for it (no screen is read meanwhile).
    private static readonly TimeSpan AttachRetry = TimeSpan.FromSeconds(5);

    private readonly BoardWake _wake = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource<BoardView> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private BoardView? _latest;
    private int _subscribers;
    private bool _stale = true;
    private int _changed;
    private Task? _loop;

    /// <summary>Starts the watch (once).</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Builds the view of every team now: GET /api/teams, and a new subscriber's first event.</summary>
    public async Task<BoardView> BuildAsync(CancellationToken cancellationToken)
    {
        var views = new List<TeamView>();
        foreach (var team in teams.Teams)
            views.Add(await TeamAsync(team, cancellationToken));
        return new BoardView(views);
    }

    public async Task<TeamView> TeamAsync(BoardTeam team, CancellationToken cancellationToken) =>
        TeamView.Of(team.Name, await team.SnapshotAsync(cancellationToken), await desk.PendingAsync(team, cancellationToken));

    /// <summary>Each view from now on, the current one first, until <paramref name="cancellationToken"/> (the browser left).</summary>
    public async IAsyncEnumerable<BoardView> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _subscribers);
        try
        {
            Task<BoardView> next;
            BoardView? current;
            lock (_gate)
            {
                next = _next.Task;
                current = _stale ? null : _latest;
            }

            current ??= await BuildAsync(cancellationToken);
            yield return current;
            while (!cancellationToken.IsCancellationRequested)
            {
                var view = await next.WaitAsync(cancellationToken);
                lock (_gate)
                    next = _next.Task;
                yield return view;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _subscribers);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var watchers = teams.Teams.Select(t => t.Root).Distinct().Select(root => new StateWatcher(root, Changed)).ToList();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var watcher in watchers)
                    watcher.Attach();
                await _wake.WaitAsync(AttachRetry, BoardLimits.ChangeDebounce, cancellationToken);
                // Woken by the retry alone: nothing changed, and nothing is read.
                if (Interlocked.Exchange(ref _changed, 0) == 0)
                    continue;
                if (Volatile.Read(ref _subscribers) == 0)
                {
                    lock (_gate)
                        _stale = true;
                    continue;
                }

                await PublishAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The board stops.
        }
        finally
        {
            foreach (var watcher in watchers)
                watcher.Dispose();
        }
    }

    private void Changed()
    {
        Interlocked.Exchange(ref _changed, 1);
        _wake.Set();
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        BoardView view;
        try
        {
            view = await BuildAsync(cancellationToken);
        }
        catch (Exception e) when (e is SessionBridgeException or IOException)
        {
            log($"could not read the board: {e.Message}");
            return;
        }

        TaskCompletionSource<BoardView> done;
        lock (_gate)
        {
            _latest = view;
            _stale = false;
            done = _next;
            _next = new TaskCompletionSource<BoardView>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult(view);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
            await _loop;
        _stop.Dispose();
    }
}
