using System.Text.Json.Serialization;
using SessionBridge.Bridge.Results;
using SessionBridge.Web.Hosting;
using SessionBridge.Web.Requests;

namespace SessionBridge.Web.Api;

/// <summary>
/// Source-generated JSON for everything the board reads and writes (NativeAOT has no reflection serializer). The
/// names and enum values are the command line's: camelCase, wire names, nulls left out.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull
)]
[JsonSerializable(typeof(TeamView))]
[JsonSerializable(typeof(BoardView))]
[JsonSerializable(typeof(WebAnswer))]
[JsonSerializable(typeof(WebMessage))]
[JsonSerializable(typeof(WebSupervise))]
[JsonSerializable(typeof(WebError))]
[JsonSerializable(typeof(WebStart))]
[JsonSerializable(typeof(RespondResult))]
[JsonSerializable(typeof(SendResult))]
[JsonSerializable(typeof(SuperviseResult))]
[JsonSerializable(typeof(ReadPeerResult))]
internal sealed partial class WebJson : JsonSerializerContext;
