using System.Text.Json;

namespace SessionBridge.State;

/// <summary>
/// Reads and writes a presence file with Utf8JsonReader/Writer. The hook runs on every Claude Code event,
/// and building the serializer's metadata costs it about 0.8 ms of a 5 ms budget; the wire form is the one
/// <see cref="StateJsonContext"/> gives <see cref="Presence"/> (camelCase, nulls left out), which the specs hold it to.
/// </summary>
internal static class PresenceJson
{
    public static void Write(Stream stream, Presence presence)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("state", PresenceStates.ToWire(presence.State));
        json.WriteString("since", presence.Since);
        if (presence.SessionId is not null)
            json.WriteString("sessionId", presence.SessionId);
        json.WriteString("event", presence.Event.ToWireName());
        if (presence.Tool is not null)
            json.WriteString("tool", presence.Tool);
        json.WriteString("updatedAt", presence.UpdatedAt);
        json.WriteString("socket", presence.Socket);
        json.WriteNumber("serverPid", presence.ServerPid);
        json.WriteString("pane", presence.Pane);
        json.WriteNumber("panePid", presence.PanePid);
        if (presence.LastAnswer is not null)
            json.WriteString("lastAnswer", presence.LastAnswer);
        if (presence.LastAnswerAt is { } answerAt)
            json.WriteString("lastAnswerAt", answerAt);
        json.WriteEndObject();
    }

    /// <exception cref="JsonException">Not a presence record: malformed, or a field missing or of the wrong kind.</exception>
    public static Presence Read(ReadOnlySpan<byte> bytes)
    {
        var json = new Utf8JsonReader(bytes);
        PresenceState? state = null;
        DateTimeOffset? since = null, updatedAt = null, answerAt = null;
        HookEventName? @event = null;
        string? session = null, tool = null, socket = null, pane = null, answer = null;
        int? serverPid = null, panePid = null;
        try
        {
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
                throw new JsonException("it is not a JSON object");
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var name = json.GetString();
                json.Read();
                if (json.TokenType == JsonTokenType.Null)
                    continue;
                switch (name)
                {
                    case "state":
                        state = PresenceStates.FromWire(json.GetString()) ?? throw new JsonException($"\"{json.GetString()}\" is not a presence state");
                        break;
                    case "since": since = json.GetDateTimeOffset(); break;
                    case "sessionId": session = json.GetString(); break;
                    case "event":
                        @event = WireNames.ParseHookEventName(json.GetString()) ?? throw new JsonException($"\"{json.GetString()}\" is not a hook event");
                        break;
                    case "tool": tool = json.GetString(); break;
                    case "updatedAt": updatedAt = json.GetDateTimeOffset(); break;
                    case "socket": socket = json.GetString(); break;
                    case "serverPid": serverPid = json.GetInt32(); break;
                    case "pane": pane = json.GetString(); break;
                    case "panePid": panePid = json.GetInt32(); break;
                    case "lastAnswer": answer = json.GetString(); break;
                    case "lastAnswerAt": answerAt = json.GetDateTimeOffset(); break;
                    default: json.Skip(); break;
                }
            }

            if (json.TokenType != JsonTokenType.EndObject || json.Read())
                throw new JsonException("it does not end where its object does");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new JsonException(e.Message, e);
        }

        if (state is null || since is null || updatedAt is null || @event is null || socket is null || pane is null || serverPid is null || panePid is null)
            throw new JsonException("it lacks the state, its times, the event or the pane it is for");
        return new Presence(state.Value, since.Value, session, @event.Value, tool, updatedAt.Value, socket, serverPid.Value, pane, panePid.Value, answer, answerAt);
    }
}
