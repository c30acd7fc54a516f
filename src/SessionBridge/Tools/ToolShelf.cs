using ModelContextProtocol.Server;

namespace SessionBridge.Server.Tools;

/// <summary>
/// The server's tools, made while it starts (<see cref="ToolCatalog.StartCreating"/>) and put in on the first request that
/// needs them (tools/list or tools/call). Making them is most of a start's work (a JSON schema per tool, by reflection),
/// and <c>initialize</c> does not need them: it is answered at once, and tools/list, which Claude Code sends right after,
/// waits for them.
/// </summary>
internal sealed class ToolShelf(Task<IReadOnlyList<McpServerTool>> tools) : McpServerPrimitiveCollection<McpServerTool>
{
    private readonly Lock _gate = new();
    private Task? _stocked;

    /// <summary>Completes once every tool is in.</summary>
    public Task StockedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            _stocked ??= StockAsync();
        return _stocked.WaitAsync(cancellationToken);
    }

    private async Task StockAsync()
    {
        var made = await tools.ConfigureAwait(false);
        foreach (var tool in made)
            Add(tool);
    }
}
