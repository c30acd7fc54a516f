using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBridge.EndToEnd.Model;

/// <summary>How the scripted model answers on the wire: a streamed (SSE) message, or plain JSON.</summary>
internal static class ModelWire
{
    /// <summary>
    /// The message as the streaming API sends it: message_start, one content block, message_delta, message_stop.
    /// <paramref name="safeguards"/>, when given, rides in the message_delta as the API's <c>safeguard_results</c>.
    /// </summary>
    public static async Task StreamAsync(HttpListenerResponse response, JsonObject message, Task? hold, string? lead, JsonArray? safeguards = null)
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        response.Headers["Cache-Control"] = "no-cache";
        var output = response.OutputStream;

        var block = message["content"]![0]!.AsObject();
        var start = message.DeepClone().AsObject();
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        await SendAsync(output, "message_start", new JsonObject { ["type"] = "message_start", ["message"] = start });

        if ((string?)block["type"] == "text")
        {
            await SendAsync(output, "content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = 0,
                ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
            });
            if (lead is not null)
                await SendAsync(output, "content_block_delta", Delta(new JsonObject { ["type"] = "text_delta", ["text"] = lead }));
            await HoldAsync(output, hold);
            await SendAsync(output, "content_block_delta", Delta(new JsonObject
            {
                ["type"] = "text_delta",
                ["text"] = (string?)block["text"],
            }));
        }
        else
        {
            await SendAsync(output, "content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = 0,
                ["content_block"] = new JsonObject
                {
                    ["type"] = "tool_use",
                    ["id"] = (string?)block["id"],
                    ["name"] = (string?)block["name"],
                    ["input"] = new JsonObject(),
                },
            });
            await HoldAsync(output, hold);
            await SendAsync(output, "content_block_delta", Delta(new JsonObject
            {
                ["type"] = "input_json_delta",
                ["partial_json"] = block["input"]!.ToJsonString(),
            }));
        }

        await SendAsync(output, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
        var delta = new JsonObject { ["stop_reason"] = message["stop_reason"]?.DeepClone(), ["stop_sequence"] = null };
        if (safeguards is not null)
            delta["safeguard_results"] = safeguards;
        await SendAsync(output, "message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = delta,
            ["usage"] = new JsonObject { ["output_tokens"] = 20 },
        });
        await SendAsync(output, "message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    private static JsonObject Delta(JsonObject delta) =>
        new() { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = delta };

    /// <summary>Keeps the stream open, as a model that thinks long does, with the pings the real API sends.</summary>
    private static async Task HoldAsync(Stream output, Task? hold)
    {
        if (hold is null)
            return;
        while (!hold.IsCompleted)
        {
            // Not a wait for anything: the interval between pings while the answer is held.
            await Task.WhenAny(hold, Task.Delay(500));
            await SendAsync(output, "ping", new JsonObject { ["type"] = "ping" });
        }
    }

    private static async Task SendAsync(Stream output, string name, JsonObject data)
    {
        var bytes = Encoding.UTF8.GetBytes($"event: {name}\ndata: {data.ToJsonString()}\n\n");
        await output.WriteAsync(bytes);
        await output.FlushAsync();
    }

    public static async Task WriteJsonAsync(HttpListenerResponse response, int status, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(JsonOptions));
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
