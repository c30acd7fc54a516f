using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionBridge.Hook;

[JsonSerializable(typeof(HookOutput))]
internal sealed partial class HookJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writes the briefing as people wrote it (quotes, accents and arrows as they are, not \u0022 escapes),
    /// while control characters and line breaks are still escaped, so the output stays one JSON object.
    /// </summary>
    public static HookJsonContext Output =>
        s_output ??= new HookJsonContext(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static HookJsonContext? s_output;
}
