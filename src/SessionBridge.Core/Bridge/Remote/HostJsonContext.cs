using System.Text.Json.Serialization;
using SessionBridge.Bridge.Results;

namespace SessionBridge.Bridge.Remote;

/// <summary>Source-generated JSON for what hosts ask each other and answer: no reflection, so the server stays NativeAOT.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true
)]
[JsonSerializable(typeof(TypeRequest))]
[JsonSerializable(typeof(TypeAnswer))]
[JsonSerializable(typeof(ScreenRequest))]
[JsonSerializable(typeof(WaitRequest))]
[JsonSerializable(typeof(RespondRequest))]
[JsonSerializable(typeof(HostAnswer))]
[JsonSerializable(typeof(ReadPeerResult))]
[JsonSerializable(typeof(DetectQuestionResult))]
[JsonSerializable(typeof(WaitResult))]
[JsonSerializable(typeof(RespondResult))]
[JsonSerializable(typeof(PeerView))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
