using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBridge.Benchmarks;

/// <summary>
/// A server process spoken to as Claude Code speaks to it: newline-delimited JSON-RPC on stdin/stdout. Kept
/// minimal on purpose, so the client's own cost is not what gets measured.
/// </summary>
internal sealed class RpcProcess : IDisposable
{
    private readonly Process _process;
    private int _id;

    private RpcProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public static RpcProcess Start(string executable, IDictionary<string, string?> environment) => Start(executable, [], environment);

    public static RpcProcess Start(string executable, IEnumerable<string> arguments, IDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            if (value is null)
                info.Environment.Remove(key);
            else
                info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new RpcProcess(process);
    }

    public JsonNode Initialize()
    {
        var result = Call(
            "initialize",
            new JsonObject
            {
                ["protocolVersion"] = "2025-06-18",
                ["capabilities"] = new JsonObject(),
                ["clientInfo"] = new JsonObject { ["name"] = "bench", ["version"] = "1" },
            }
        );
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" });
        return result;
    }

    public JsonNode CallTool(string name, JsonObject arguments)
    {
        var result = Call("tools/call", new JsonObject { ["name"] = name, ["arguments"] = arguments });
        if (result["isError"]?.GetValue<bool>() == true)
            throw new InvalidOperationException($"{name} failed: {result["content"]?[0]?["text"]}");
        return JsonNode.Parse(result["content"]![0]!["text"]!.GetValue<string>())!;
    }

    public JsonNode Call(string method, JsonObject? parameters = null)
    {
        var id = ++_id;
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
            request["params"] = parameters;
        Send(request);
        while (true)
        {
            var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the server closed stdout");
            var message = JsonNode.Parse(line)!;
            if (message["id"]?.GetValue<int>() != id)
                continue;
            if (message["error"] is { } error)
                throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return message["result"]!;
        }
    }

    /// <summary>Peak resident memory (VmHWM) of the process so far, in MB.</summary>
    public double PeakRssMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }

        return double.NaN;
    }

    private void Send(JsonObject message)
    {
        _process.StandardInput.WriteLine(message.ToJsonString());
        _process.StandardInput.Flush();
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(3000))
                _process.Kill();
        }
        catch (InvalidOperationException) { }

        _process.Dispose();
    }
}
