using System.Text.Json;
using System.Text.Json.Serialization;
using SessionBridge.Bridge.Results;

namespace SessionBridge.Server;

/// <summary>
/// Source-generated JSON for every tool argument and result. Without it a tool that returns a record
/// fails at start-up under NativeAOT ("JsonTypeInfo metadata for type … was not provided").
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull
)]
[JsonSerializable(typeof(RegisterResult))]
[JsonSerializable(typeof(ListPeersResult))]
[JsonSerializable(typeof(SendResult))]
[JsonSerializable(typeof(ReadPeerResult))]
[JsonSerializable(typeof(DetectQuestionResult))]
[JsonSerializable(typeof(RespondResult))]
[JsonSerializable(typeof(MessagesResult))]
[JsonSerializable(typeof(PromptResult))]
[JsonSerializable(typeof(ListPromptsResult))]
[JsonSerializable(typeof(DeletePromptResult))]
[JsonSerializable(typeof(BroadcastResult))]
[JsonSerializable(typeof(WaitResult))]
[JsonSerializable(typeof(SuperviseResult))]
[JsonSerializable(typeof(SessionBridge.Server.Cli.Board.BoardSnapshot))]
[JsonSerializable(typeof(SessionBridge.Team.TeamUpResult))]
[JsonSerializable(typeof(SessionBridge.Team.TeamDownResult))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(SessionBridge.State.MessageRecord))]
[JsonSerializable(typeof(SessionBridge.Server.Cli.CliError))]
[JsonSerializable(typeof(SessionBridge.Setup.SettingsChange))]
[JsonSerializable(typeof(SessionBridge.Diagnostics.DoctorCheck[]))]
[JsonSerializable(typeof(SessionBridge.Migration.MigrationResult))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(bool))]
internal sealed partial class BridgeJson : JsonSerializerContext
{
    /// <summary>The SDK's own options with ours in front, so protocol types still serialize.</summary>
    // Lazy: static initializers across partial files run in no fixed order, and Default is generated. The tools
    // are made on their first calls, perhaps at once: one instance is published to all of them.
    public static JsonSerializerOptions ToolOptions =>
        LazyInitializer.EnsureInitialized(ref s_toolOptions, CreateToolOptions);

    private static JsonSerializerOptions? s_toolOptions;

    private static JsonSerializerOptions CreateToolOptions()
    {
        var options = new JsonSerializerOptions(ModelContextProtocol.McpJsonUtilities.DefaultOptions)
        {
            // The model reads these results: "don't" rather than "don\u0027t".
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.TypeInfoResolverChain.Insert(0, Default);
        options.MakeReadOnly();
        return options;
    }
}
