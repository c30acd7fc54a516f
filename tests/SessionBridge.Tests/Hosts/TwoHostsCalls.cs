using System.Diagnostics;
using System.Text.Json;
using SessionBridge.State;
using SessionBridge.State.Nats;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Hosts;

/// <summary>The tool calls the two-host specs make on an in-process server, and the peer they read back.</summary>
internal static class TwoHostsCalls
{
    internal static Dictionary<string, object?> Send(string to, string from, string text, string? replyTo = null) =>
        new()
        {
            ["to"] = to,
            ["from"] = from,
            ["text"] = text,
            ["reply_to"] = replyTo,
        };

    internal static async Task<JsonElement> RegisterAsync(InProcessServer server, string role) =>
        (await server.CallAsync("register", new() { ["role"] = role })).Json();

    internal static JsonElement Peer(JsonElement list, string role) =>
        list.GetProperty("peers").EnumerateArray().Single(p => p.GetProperty("role").GetString() == role);
}
