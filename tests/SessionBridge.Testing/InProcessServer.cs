using System.IO.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SessionBridge.Bridge;
using SessionBridge.Server;

namespace SessionBridge.Testing;

/// <summary>The real server, wired as Program wires it, talking to a real MCP client over in-process pipes.</summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessServer(IHost host, McpClient client)
    {
        _host = host;
        Client = client;
    }

    public McpClient Client { get; }

    internal static async Task<InProcessServer> StartAsync(BridgeOptions options)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services
            .AddSessionBridge(options)
            .WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream());
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        var client = await McpClient.CreateAsync(
            new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()),
            cancellationToken: TestContext.Current.CancellationToken
        );
        return new InProcessServer(host, client);
    }

    public async Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?>? arguments = null) =>
        await Client.CallToolAsync(tool, arguments ?? [], cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _host.StopAsync();
        // The use cases close their store asynchronously (a NATS connection): the host is disposed the same way.
        if (_host is IAsyncDisposable host)
            await host.DisposeAsync();
        else
            _host.Dispose();
    }
}
