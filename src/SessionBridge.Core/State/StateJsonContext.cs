using System.Text.Json.Serialization;

namespace SessionBridge.State;

/// <summary>Source-generated JSON for the state files: no reflection, so the hook and server stay NativeAOT.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false
)]
[JsonSerializable(typeof(MessageRecord))]
[JsonSerializable(typeof(RegistryFile))]
[JsonSerializable(typeof(PromptsFile))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
