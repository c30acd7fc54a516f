using System.Text.Encodings.Web;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SessionBridge.Server.Tools;

namespace SessionBridge.Tests.Server;

/// <summary>
/// The server lists its tools from src/SessionBridge/Tools/BridgeTools.json, embedded in the program, rather than make
/// them by reflection at start-up. BridgeTools stays the one source: the file must be exactly what the SDK makes from
/// it by reflection, and this spec, run with REFRESH_TOOL_DESCRIPTORS=1, rewrites it.
/// </summary>
public sealed class ToolDescriptorSpecs
{
    private const string RefreshCommand =
        "REFRESH_TOOL_DESCRIPTORS=1 dotnet test --project tests/SessionBridge.Tests/SessionBridge.Tests.csproj --filter-class '*ToolDescriptorSpecs'";

    private static readonly string FilePath = Path.Combine(RepositoryRoot.Path, "src", "SessionBridge", "Tools", "BridgeTools.json");

    // Indented and with quotes unescaped, for a readable diff; the program reads it as any JSON.
    private static readonly JsonSerializerOptions Written = new(McpJsonUtilities.DefaultOptions)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Fact]
    public void The_listed_tool_descriptors_are_the_ones_the_SDK_makes_from_BridgeTools()
    {
        // Arrange
        var reflected = ToolCatalog.CreateByReflection();
        var expected = Document(reflected);
        if (Environment.GetEnvironmentVariable("REFRESH_TOOL_DESCRIPTORS") == "1")
        {
            File.WriteAllText(FilePath, expected);
            Assert.Skip($"{FilePath} rewritten from BridgeTools: build and run this spec again without REFRESH_TOOL_DESCRIPTORS.");
        }

        // Act
        var checkedIn = File.ReadAllText(FilePath);
        var listed = Document(ToolCatalog.Create());

        // Assert
        checkedIn.Should().Be(expected, $"BridgeTools changed, so src/SessionBridge/Tools/BridgeTools.json must be refreshed: run `{RefreshCommand}`, then build");
        listed.Should().Be(checkedIn, "the program lists what the file says (an older copy is embedded until the next build)");
        reflected.Should().OnlyContain(
            tool => tool.ProtocolTool.OutputSchema == null,
            "LazyTool lists its descriptor as is, while the SDK reshapes an output schema for clients before 2026-07-28 on its own tools only"
        );
    }

    private static string Document(IEnumerable<McpServerTool> tools) =>
        JsonSerializer.Serialize(new ListToolsResult { Tools = [.. tools.Select(tool => tool.ProtocolTool)] }, Written) + "\n";
}
