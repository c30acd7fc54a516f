using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SessionBridge.Server.Tools;

/// <summary>
/// A tool listed from its descriptor written at build time (<see cref="ToolCatalog"/>), whose SDK tool, made by
/// reflection over its <see cref="BridgeTools"/> method, is made on its first call. Making all fifteen by
/// reflection was 43% of the server's start-up CPU, and a session calls a few of them.
/// </summary>
internal sealed class LazyTool(Tool descriptor, Func<McpServerTool> create) : McpServerTool
{
    private readonly Lazy<McpServerTool> _tool = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public override Tool ProtocolTool => descriptor;

    // The method's attributes, which only ASP.NET Core's authorization reads: the stdio server never asks.
    public override IReadOnlyList<object> Metadata => _tool.Value.Metadata;

    public override ValueTask<CallToolResult> InvokeAsync(
        RequestContext<CallToolRequestParams> request,
        CancellationToken cancellationToken = default
    ) => _tool.Value.InvokeAsync(request, cancellationToken);
}
