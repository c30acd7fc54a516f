using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace SessionBridge.Benchmarks;

/// <summary>session-bridge-web running, killed on dispose.</summary>
internal sealed class BoardUnderTest(Process process, string token, int port) : IAsyncDisposable
{
    public int Pid => process.Id;

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>GET /api/events held open, its events read as they come.</summary>
    public async Task<BoardEventStream> EventsAsync()
    {
        var client = Client();
        client.Timeout = Timeout.InfiniteTimeSpan;
        var response = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return BoardEventStream.Start(client, response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>VmHWM and VmRSS from /proc/PID/status, in MB.</summary>
    public (double Peak, double Resident) Memory()
    {
        var lines = File.ReadAllLines($"/proc/{process.Id}/status");
        double Field(string name) =>
            double.Parse(lines.First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return (Field("VmHWM:"), Field("VmRSS:"));
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
