using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SessionBridge.Bridge;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>What every command shares: the bridge over this user's state, and where output goes.</summary>
internal sealed class CliContext(IAnsiConsole console, TextWriter output)
{
    private PeerBridge? _bridge;

    public static JsonSerializerOptions JsonOptions { get; } =
        new(BridgeJson.ToolOptions) { WriteIndented = true };

    public IAnsiConsole Console { get; } = console;

    public TextWriter Output { get; } = output;

    public BridgeOptions Options { get; } = BridgeOptions.FromEnvironment();

    public PeerBridge Bridge => _bridge ??= new PeerBridge(Options);

    public void WriteJson<T>(T value)
    {
        var info = (JsonTypeInfo<T>)JsonOptions.GetTypeInfo(typeof(T));
        Output.WriteLine(JsonSerializer.Serialize(value, info));
    }
}
