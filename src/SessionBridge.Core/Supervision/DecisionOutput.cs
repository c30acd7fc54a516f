using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SessionBridge.State;

namespace SessionBridge.Supervision;

/// <summary>
/// What the waiting PermissionRequest hook prints for a decision, as Claude Code reads it:
/// <c>{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"allow"|"deny", …}}}</c>
/// with <c>message</c> for a deny (the peer's model receives it), <c>updatedInput</c> (AskUserQuestion's answers) and
/// <c>updatedPermissions</c> (the request's own suggestions: "don't ask again") for an allow. Written by hand: the
/// JSON values are passed through exactly as they were received.
/// </summary>
internal static class DecisionOutput
{
    public static string Json(RequestDecision decision)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("hookSpecificOutput");
            json.WriteString("hookEventName", HookEventName.PermissionRequest.ToWireName());
            json.WriteStartObject("decision");
            json.WriteString("behavior", decision.Allow ? "allow" : "deny");
            if (!decision.Allow)
                json.WriteString("message", decision.Message ?? "Denied by the supervisor.");
            if (decision.Allow && decision.UpdatedInput is { } input)
            {
                json.WritePropertyName("updatedInput");
                input.WriteTo(json);
            }

            if (decision.Allow && decision.UpdatedPermissions is { } permissions)
            {
                json.WritePropertyName("updatedPermissions");
                permissions.WriteTo(json);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
