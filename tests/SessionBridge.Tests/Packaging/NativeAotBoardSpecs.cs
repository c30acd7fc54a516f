using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SessionBridge.Tests.Packaging;

/// <summary>
/// session-bridge-web as install.sh ships it, NativeAOT (ASP.NET Core's slim builder, source-generated JSON, the page
/// embedded): it starts, prints its URL first, serves the page and the API with the token and nothing without it.
/// </summary>
[Trait("Tier", "Slow")] // NativeAOT compiles for minutes: left out of ./test.sh --fast
[Collection(OneShippedBuild.Name)]
public sealed class NativeAotBoardSpecs(ShippedBuilds aot) : IDisposable
{
    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _home = new("home");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = Timeouts.Build)]
    public async Task The_NativeAOT_board_serves_its_page_and_team_with_the_token_and_nothing_without_it()
    {
        if (aot.Unavailable is { } reason)
            Assert.Skip(reason);

        // Arrange
        var start = new ProcessStartInfo(aot.Web) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _home.Path };
        foreach (var argument in new[] { "--port", "0", "--json" })
            start.ArgumentList.Add(argument);
        start.Environment["SESSION_BRIDGE_DIR"] = _state.Path;
        start.Environment["HOME"] = _home.Path;
        start.Environment.Remove("TMUX");
        start.Environment.Remove("TMUX_PANE");
        using var board = Process.Start(start)!;
        try
        {
            // A bound on a board that never starts, not a goal.
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            startup.CancelAfter(TimeSpan.FromSeconds(60));
            var first = await board.StandardOutput.ReadLineAsync(startup.Token) ?? throw new InvalidOperationException(await board.StandardError.ReadToEndAsync(Cancel));
            using var line = JsonDocument.Parse(first);
            var url = new Uri(line.RootElement.GetProperty("url").GetString()!);
            var token = line.RootElement.GetProperty("token").GetString()!;
            var origin = new Uri(url.GetLeftPart(UriPartial.Authority));
            using var http = new HttpClient { BaseAddress = origin };
            // No cookie jar: the page's answer sets the token's cookie, which would carry it.
            using var stranger = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = origin };

            // Act
            var page = await http.GetAsync(url.PathAndQuery, Cancel);
            var withCookie = await http.GetAsync("/api/team", Cancel);
            var withoutToken = await stranger.GetAsync("/api/team", Cancel);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/team");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var team = await http.SendAsync(request, Cancel);

            // Assert
            page.StatusCode.Should().Be(HttpStatusCode.OK);
            (await page.Content.ReadAsStringAsync(Cancel)).Should().Contain("<html");
            withCookie.StatusCode.Should().Be(HttpStatusCode.OK, "the first URL's answer sets the cookie that carries the token");
            withoutToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            team.StatusCode.Should().Be(HttpStatusCode.OK);
            using var json = JsonDocument.Parse(await team.Content.ReadAsStringAsync(Cancel));
            json.RootElement.ValueKind.Should().Be(JsonValueKind.Object);
        }
        finally
        {
            board.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        _state.Dispose();
        _home.Dispose();
    }
}
