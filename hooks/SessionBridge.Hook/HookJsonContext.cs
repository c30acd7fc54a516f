using System.Text.Json.Serialization;

namespace SessionBridge.Hook;

[JsonSerializable(typeof(HookInput))]
[JsonSerializable(typeof(HookOutput))]
internal sealed partial class HookJsonContext : JsonSerializerContext;
