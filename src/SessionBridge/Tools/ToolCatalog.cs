using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SessionBridge.Bridge;

namespace SessionBridge.Server.Tools;

/// <summary>
/// The MCP tools of <see cref="BridgeTools"/>' methods, in place of <c>WithTools&lt;T&gt;()</c>. The server lists them
/// from BridgeTools.json, embedded in the program: the protocol <see cref="Tool"/> of each, as the SDK makes it by
/// reflection (<see cref="CreateByReflection"/>). Making them that way, a JSON schema per method, was 43% of the
/// server's start-up CPU; each is now made on its tool's first call (<see cref="LazyTool"/>). BridgeTools stays the
/// one source: ToolDescriptorSpecs fails when the file differs from what reflection makes, and says how to refresh it.
/// </summary>
internal static class ToolCatalog
{
    /// <summary>The embedded copy of BridgeTools.json.</summary>
    public const string ResourceName = "SessionBridge.Server.Tools.BridgeTools.json";

    /// <summary>The tools, listed from the embedded descriptors; none is made by reflection until it is called.</summary>
    public static IReadOnlyList<McpServerTool> Create()
    {
        using var stream =
            typeof(ToolCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in the program.");
        var listed = JsonSerializer.Deserialize(stream, ListTypeInfo)!;
        return [.. listed.Tools.Select(tool => new LazyTool(tool, () => CreateByReflection(tool.Name)))];
    }

    /// <summary>The SDK's own tools, one per BridgeTools method, in declaration order.</summary>
    public static IReadOnlyList<McpServerTool> CreateByReflection() => [.. Methods().Select(Create)];

    /// <summary>The shape of BridgeTools.json: a tools/list answer. The SDK's source-generated metadata, so no reflection.</summary>
    public static JsonTypeInfo<ListToolsResult> ListTypeInfo =>
        (JsonTypeInfo<ListToolsResult>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ListToolsResult));

    private static McpServerTool CreateByReflection(string name) =>
        Create(Methods().Single(method => method.GetCustomAttribute<McpServerToolAttribute>()!.Name == name));

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
