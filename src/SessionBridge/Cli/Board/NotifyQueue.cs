using System.Threading.Channels;

namespace SessionBridge.Server.Cli.Board;

/// <summary>
/// Runs the notify command for each alert, one at a time and in order, off the board's loop: a slow or hung
/// command never stops the board redrawing. Failures go to <paramref name="failed"/>; when alerts come faster
/// than the command takes them, the oldest beyond <see cref="BoardLimits.NotifyQueue"/> are dropped and said so.
/// </summary>
internal sealed class NotifyQueue : IAsyncDisposable
{
    private readonly NotifyCommand _command;
    private readonly Action<string> _failed;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<BoardAlert> _alerts;
    private readonly Task _runner;

    public NotifyQueue(NotifyCommand command, Action<string> failed)
    {
        _command = command;
        _failed = failed;
        _alerts = Channel.CreateBounded<BoardAlert>(
            new BoundedChannelOptions(BoardLimits.NotifyQueue) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => failed($"notify: too many alerts at once; not run for: {dropped.Describe()}")
        );
        _runner = Task.Run(RunAsync);
    }

    public void Add(BoardAlert alert) => _alerts.Writer.TryWrite(alert);

    private async Task RunAsync()
    {
        try
        {
            await foreach (var alert in _alerts.Reader.ReadAllAsync(_stop.Token))
            {
                var problem = await _command.RunAsync(alert, _stop.Token);
                if (problem is not null && !_stop.IsCancellationRequested)
                    _failed($"notify for {alert.Describe()}: `{_command.Command}` {problem}");
            }
        }
        catch (OperationCanceledException)
        {
            // The board stopped.
        }
    }

    /// <summary>Stops with the board: a command still running is killed, alerts still queued are not run.</summary>
    public async ValueTask DisposeAsync()
    {
        _alerts.Writer.TryComplete();
        await _stop.CancelAsync();
        await _runner;
        _stop.Dispose();
    }
}
