using System.Text;
using System.Threading.Channels;

namespace SessionBridge.Benchmarks;

/// <summary>The data of each <c>board</c> event, in order.</summary>
internal sealed class BoardEventStream : IDisposable
{
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>();
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;

    private BoardEventStream(HttpClient client, HttpResponseMessage response)
    {
        _client = client;
        _response = response;
    }

    public static BoardEventStream Start(HttpClient client, HttpResponseMessage response, Stream body)
    {
        var stream = new BoardEventStream(client, response);
        _ = Task.Run(() => stream.ReadAsync(body));
        return stream;
    }

    /// <summary>The next event's data (a bound on a hang: a board that sends nothing for a minute is broken).</summary>
    public async Task<string> NextAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _events.Reader.ReadAsync(bound.Token);
    }

    private async Task ReadAsync(Stream body)
    {
        try
        {
            using var reader = new StreamReader(body);
            var data = new StringBuilder();
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal))
                    data.Append(line.AsSpan(5).TrimStart());
                else if (line.Length == 0 && data.Length > 0)
                {
                    _events.Writer.TryWrite(data.ToString());
                    data.Clear();
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or HttpRequestException)
        {
            // The stream was closed: the run is over.
        }
    }

    public void Dispose()
    {
        _response.Dispose();
        _client.Dispose();
    }
}
