using SessionBridge.Bridge;
using SessionBridge.Server.Cli.Board;

namespace SessionBridge.Web.Teams;

/// <summary>
/// One team the board shows: its name, the use cases over its state, and its board builder (which remembers since
/// when each screen-read state holds). Builds are one at a time: the builder's clock is not shared state.
/// </summary>
internal sealed class BoardTeam(string name, UseCases bridge) : IAsyncDisposable
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly BoardBuilder _builder = new(bridge);

    public string Name { get; } = name;

    public UseCases Bridge { get; } = bridge;

    /// <summary>The team's state directory: what the board's watch looks at.</summary>
    public string Root => Bridge.Options.State.Root;

    public async Task<BoardSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        await _building.WaitAsync(cancellationToken);
        try
        {
            return await _builder.BuildAsync(BoardLimits.RecentMessages, cancellationToken);
        }
        finally
        {
            _building.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Bridge.DisposeAsync();
        _building.Dispose();
    }
}
