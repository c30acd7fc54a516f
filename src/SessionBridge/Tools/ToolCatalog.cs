using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using SessionBridge.Bridge;

namespace SessionBridge.Server.Tools;

/// <summary>
/// The MCP descriptors of <see cref="BridgeTools"/>' methods, in place of <c>WithTools&lt;T&gt;()</c>. Making
/// them (reflection over a method and a JSON schema for it) was most of the server's start-up, so the program
/// makes them in parallel, one task per tool, while it builds the host; the server waits for them only when
/// it starts. Measured on NativeAOT: initialize answered in 28.4 ms against 35.4 ms made in sequence.
/// </summary>
internal static class ToolCatalog
{
    public static async Task<IReadOnlyList<McpServerTool>> StartCreating() =>
        await Task.WhenAll(Methods().Select(method => Task.Run(() => Create(method))));

    public static IReadOnlyList<McpServerTool> Create() => [.. Methods().Select(Create)];

    private static IEnumerable<MethodInfo> Methods() =>
        typeof(BridgeTools)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => method.IsDefined(typeof(McpServerToolAttribute)));

    private static McpServerTool Create(MethodInfo method) =>
        McpServerTool.Create(
            method,
            // One BridgeTools per call, as WithTools<T>() makes them: it holds nothing but the bridge.
            request => new BridgeTools(request.Services!.GetRequiredService<UseCases>()),
            new McpServerToolCreateOptions { SerializerOptions = BridgeJson.ToolOptions }
        );
}
