using System.Text.Encodings.Web;
using System.Text.Json;

namespace SessionBridge.Hook;

/// <summary>
/// <c>{"hookSpecificOutput":{"hookEventName":"…","additionalContext":"…"}}</c>, named after the event it answers. Written
/// with Utf8JsonWriter, not the serializer: building a serializer's metadata would be a large part of a SessionStart
/// restore's own work.
/// </summary>
internal static class HookOutput
{
    public static void Write(Stream output, string eventName, string additionalContext)
    {
        // The briefing as people wrote it (quotes, accents and arrows as they are, not \u0022 escapes), while control
        // characters and line breaks are still escaped, so the output stays one JSON object.
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartObject("hookSpecificOutput");
        json.WriteString("hookEventName", eventName);
        json.WriteString("additionalContext", additionalContext);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
