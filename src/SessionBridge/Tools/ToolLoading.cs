using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace SessionBridge.Server.Tools;

/// <summary>
/// Puts the tool descriptors, made in parallel while the host was built (<see cref="ToolCatalog.StartCreating"/>), into
/// the server's options once they are ready. A hosted service registered before the MCP server's own: the host starts
/// them in order, so the tools are there before the server reads its first request.
/// </summary>
internal sealed class ToolLoading(Task<IReadOnlyList<McpServerTool>> tools, IOptions<McpServerOptions> server) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var collection = server.Value.ToolCollection ??= [];
        foreach (var tool in await tools.WaitAsync(cancellationToken))
            collection.Add(tool);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
