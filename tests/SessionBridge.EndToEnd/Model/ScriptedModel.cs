using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBridge.EndToEnd.Model;

/// <summary>
/// A local stand-in for the Anthropic Messages API that one Claude Code session talks to (through
/// <c>ANTHROPIC_BASE_URL</c>). Each main-conversation request takes the next scripted <see cref="Turn"/> and
/// gets it back as a streamed (SSE) message; every request is recorded for the test to read. Side requests
/// (no tools: titles, summaries) get a short text and leave the script alone. A call of a deferred tool
/// (Claude Code lists MCP tools by name only, behind ToolSearch) is preceded by the ToolSearch call a real
/// model makes to load it.
/// </summary>
public sealed class ScriptedModel : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly LinkedList<Turn> _script = new();
    private readonly List<ModelRequest> _requests = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<string> _answered = [];
    private readonly Task _loop;
    private int _ids;

    private ScriptedModel(HttpListener listener, int port)
    {
        _listener = listener;
        BaseUrl = $"http://127.0.0.1:{port}";
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    /// <summary>Turns answered so far, for failure messages.</summary>
    public IReadOnlyList<string> Answered
    {
        get
        {
            lock (_gate)
                return [.. _answered];
        }
    }

    public IReadOnlyList<ModelRequest> Requests
    {
        get
        {
            lock (_gate)
                return [.. _requests];
        }
    }

    public IReadOnlyList<ModelRequest> MainRequests => [.. Requests.Where(r => r.IsMain)];

    /// <summary>When set, side requests (a compaction summary, a title) are held open until it completes.</summary>
    public Task? SideHold { get; set; }

    /// <summary>
    /// When set, answers the side requests it returns text for (e.g. auto mode's classifier, asked whether a tool
    /// call is safe); the others get the usual short text.
    /// </summary>
    public Func<ModelRequest, string?>? SideAnswer { get; set; }

    /// <summary>
    /// When set, plays auto mode's server-side safety check as the API does for a request that asks for it
    /// (<c>safeguards</c> of type <c>dangerous_tool_use</c>): a tool call it returns a reason for is flagged with
    /// that reason, and one it returns null for is not flagged. Unset, no verdict is sent.
    /// </summary>
    public Func<Turn, string?>? Flag { get; set; }

    public int Pending
    {
        get
        {
            lock (_gate)
                return _script.Count;
        }
    }

    public static ScriptedModel Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new ScriptedModel(listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Adds turns at the end of the script: the next main requests take them in order.</summary>
    public void Enqueue(params Turn[] turns)
    {
        lock (_gate)
        {
            foreach (var turn in turns)
                _script.AddLast(turn);
        }
    }

    /// <summary>Waits for a recorded request that matches, and returns the first such one.</summary>
    public async Task<ModelRequest> WaitForRequestAsync(Func<ModelRequest, bool> match, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await Eventually.ReadAsync(
                () => Task.FromResult(Requests.FirstOrDefault(match)),
                found => found is not null,
                $"the model to get {what}",
                timeout ?? TimeSpan.FromSeconds(30)
            ) ?? throw new InvalidOperationException("unreachable: Eventually returned a value that did not pass");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Describe()}", e);
        }
    }

    /// <summary>The main requests and answered turns, for a failure message.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine("requests:");
        foreach (var request in Requests)
            text.AppendLine("  " + request);
        text.AppendLine("answered:");
        foreach (var answer in Answered)
            text.AppendLine("  " + answer);
        text.AppendLine($"still scripted: {Pending}");
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var path = context.Request.Url?.AbsolutePath ?? "";
            if (context.Request.HttpMethod != "POST" || !path.StartsWith("/v1/messages", StringComparison.Ordinal))
            {
                await ModelWire.WriteJsonAsync(response, 404, new JsonObject
                {
                    ["type"] = "error",
                    ["error"] = new JsonObject { ["type"] = "not_found_error", ["message"] = "not scripted: " + path },
                });
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())?.AsObject() ?? [];
            if (path.EndsWith("/count_tokens", StringComparison.Ordinal))
            {
                await ModelWire.WriteJsonAsync(response, 200, new JsonObject { ["input_tokens"] = 1000 });
                return;
            }

            // The main conversation offers tools; side requests (a title, a summary) offer none.
            var isMain = body["tools"] is JsonArray { Count: > 0 };
            ModelRequest request;
            Turn turn;
            lock (_gate)
            {
                request = new ModelRequest(_requests.Count + 1, path, body, isMain, DateTimeOffset.UtcNow);
                _requests.Add(request);
                turn = isMain ? NextTurn(request) : Turn.Reply(SideAnswer?.Invoke(request) ?? "OK") with { Hold = SideHold };
                if (isMain)
                    _answered.Add($"#{request.Number}: {turn}");
            }

            var message = Message(turn, (string?)body["model"] ?? "claude-scripted");
            if (request.Streams)
                await ModelWire.StreamAsync(response, message, turn.Hold, turn.Lead, SafetyVerdict.For(Flag, body, turn, message));
            else
            {
                if (turn.Hold is not null)
                    await turn.Hold;
                await ModelWire.WriteJsonAsync(response, 200, message);
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // Claude Code went away mid-answer (the test is over, or it was interrupted).
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>The next scripted turn; a ToolSearch call first when the tool it calls is not loaded yet.</summary>
    private Turn NextTurn(ModelRequest request)
    {
        if (_script.First is not { } first)
            return Turn.Reply("(nothing more was scripted)");

        var turn = first.Value;
        if (turn.Tool is { } tool && !request.ToolNames.Contains(tool) && request.ToolNames.Contains("ToolSearch"))
            return Turn.Call("ToolSearch", new { query = "select:" + tool, max_results = 1 });

        _script.RemoveFirst();
        try
        {
            return turn.For(request);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or System.Text.Json.JsonException)
        {
            // Said on screen and in the answered list, rather than a dropped connection Claude Code retries.
            return Turn.Reply($"(the scripted {turn} could not be worked out from the request: {e.GetType().Name}: {e.Message})");
        }
    }

    private JsonObject Message(Turn turn, string model)
    {
        var id = Interlocked.Increment(ref _ids);
        JsonObject block = turn.Tool is null
            ? new JsonObject { ["type"] = "text", ["text"] = turn.Text }
            : new JsonObject
            {
                ["type"] = "tool_use",
                ["id"] = $"toolu_scripted_{id:D4}",
                ["name"] = turn.Tool,
                ["input"] = turn.Input!.DeepClone(),
            };
        return new JsonObject
        {
            ["id"] = $"msg_scripted_{id:D4}",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = new JsonArray(block),
            ["stop_reason"] = turn.Tool is null ? "end_turn" : "tool_use",
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = 1000, ["output_tokens"] = 20 },
        };
    }
}
