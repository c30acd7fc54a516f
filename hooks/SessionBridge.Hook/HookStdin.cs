using System.Text;
using System.Text.Json;

namespace SessionBridge.Hook;

/// <summary>
/// Reads the event JSON from stdin, bounded in time and size. Only top-level strings we use are taken, and the raw
/// JSON of tool_input and permission_suggestions; everything else (tool_response: possibly megabytes) is skipped by
/// the reader, never built.
/// Garbage, and an event it does not know, are null; an input longer than we read keeps the fields before the cut.
/// </summary>
internal static class HookStdin
{
    // Claude Code writes stdin and closes it at once; if a caller leaves it open, do not wait long.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);
    internal const int MaxInput = 4 * 1024 * 1024;

    public static HookInput? Read(Stream stdin)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        // One plain background thread, joined with a bound: no thread pool or timer to start, which would
        // cost more than the rest of the hook. If stdin never ends, the process exits without it.
        var reader = new Thread(() =>
        {
            int n;
            while (length < MaxInput && (n = stdin.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += n;
                if (length == buffer.Length && length < MaxInput)
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 4, MaxInput));
            }
        })
        {
            IsBackground = true,
        };
        reader.Start();
        if (!reader.Join(Wait))
            return null;
        return length == 0 ? null : Parse(buffer.AsSpan(0, length), cut: length >= MaxInput);
    }

    internal static HookInput? Parse(ReadOnlySpan<byte> json, bool cut)
    {
        string? eventName = null, source = null, session = null, cwd = null, tool = null, notification = null, trigger = null, answer = null;
        string? toolInput = null, suggestions = null, transcript = null;
        var reader = new Utf8JsonReader(json, isFinalBlock: !cut, state: default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                    return reader.Read() ? null : Input(false); // anything after the object is garbage
                var name = reader.GetString();
                if (!reader.Read())
                    break;
                if (reader.TokenType != JsonTokenType.String)
                {
                    var start = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip())
                        break;
                    // A supervised peer's PermissionRequest passes these on exactly as Claude Code gave them.
                    if (name is "tool_input")
                        toolInput = Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
                    else if (name is "permission_suggestions")
                        suggestions = Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
                    continue;
                }

                var value = reader.GetString();
                switch (name)
                {
                    case "hook_event_name": eventName = value; break;
                    case "source": source = value; break;
                    case "session_id": session = value; break;
                    case "cwd": cwd = value; break;
                    case "tool_name": tool = value; break;
                    case "notification_type": notification = value; break;
                    case "trigger": trigger = value; break;
                    case "last_assistant_message": answer = value; break;
                    case "transcript_path": transcript = value; break;
                }
            }

            // Ran out of input inside the object: fine only where we stopped reading.
            return cut ? Input(true) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }

        // An event this hook does not know (a newer Claude Code's) is no input: nothing to record or hand over.
        HookInput? Input(bool wasCut) =>
            WireNames.ParseHookEventName(eventName) is var known && eventName is not null && known is null
                ? null
                : new(known, session, tool, notification, source, trigger, answer, cwd, wasCut, toolInput, suggestions, transcript);
    }
}
