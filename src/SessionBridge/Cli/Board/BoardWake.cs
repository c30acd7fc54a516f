using System.Threading.Channels;

namespace SessionBridge.Server.Cli.Board;

/// <summary>
/// What wakes the board: a state file changed, the terminal was resized, a key was pressed, or the slow
/// refresh came due. Wakes that come while the board is busy collapse into one.
/// </summary>
internal sealed class BoardWake
{
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite }
    );

    public void Set() => _wakes.Writer.TryWrite(true);

    /// <summary>Returns when woken (after <paramref name="settle"/>, so a burst of changes is one redraw) or when <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeSpan settle, CancellationToken cancellationToken)
    {
        using var due = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        due.CancelAfter(timeout);
        try
        {
            await _wakes.Reader.ReadAsync(due.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return;
        }

        await Task.Delay(settle, cancellationToken);
        _wakes.Reader.TryRead(out _);
    }
}
