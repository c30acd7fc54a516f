using System.Net;
using System.Text.Json;
using SessionBridge.Web.Tests.Infrastructure;

namespace SessionBridge.Web.Tests.Api;

/// <summary>
/// The board can type into every pane, so nothing is served without its token, and an action from another site's page
/// is refused before anything happens. Run against the real program, over HTTP.
/// </summary>
public sealed class WebAccessSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly BoardRig _rig = new(tmux);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Nothing_is_served_without_the_token()
    {
        // Arrange
        await using var board = await _rig.BoardAsync();
        using var client = board.Client(bearer: false);
        string[] paths = ["/", "/app.js", "/requests.js", "/app.css", "/api/team", "/api/teams", "/api/events", "/api/screen?role=dev"];

        // Act
        var gets = await Task.WhenAll(paths.Select(p => client.GetAsync(p, Cancel)));
        var post = await client.PostAsync("/api/send", BoardProcess.Json("{\"to\":\"dev\",\"text\":\"hi\"}"), Cancel);
        using var wrong = board.Client(bearer: false);
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", board.Token[..^1] + (board.Token[^1] == 'A' ? 'B' : 'A'));
        var guessed = await wrong.GetAsync("/api/team", Cancel);

        // Assert
        gets.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        post.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        guessed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        foreach (var response in gets)
            (await response.Content.ReadAsStringAsync(Cancel)).Should().NotContain("peers").And.NotContain("<html");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_first_line_is_the_URL_with_a_new_128_bit_token_in_its_query()
    {
        // Arrange
        await using var first = await _rig.BoardAsync();

        // Act
        await using var second = await _rig.BoardAsync();
        var (process, line, _) = await BoardProcess.LaunchAsync(_rig.State, _rig.Home, ["web", "--port", "0"]);
        using var plain = process;
        process.Kill(entireProcessTree: true);

        // Assert
        var url = new Uri(first.Url);
        url.Query.Should().Be("?token=" + first.Token);
        url.Fragment.Should().BeEmpty();
        url.Port.Should().Be(first.Port);
        first.Token.Length.Should().BeGreaterThanOrEqualTo(22, "at least 128 bits, base64url");
        second.Token.Should().NotBe(first.Token, "each run makes a new token");
        line.Should().StartWith("http://127.0.0.1:").And.Contain("/?token=");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_script_with_the_bearer_token_and_no_Origin_reads_the_team_as_watch_shows_it()
    {
        // Arrange
        var (pane, _) = await tmux.StartRecorderAsync();
        await _rig.RegisterAsync("dev", pane);
        await using var board = await _rig.BoardAsync();
        using var client = board.Client();

        // Act
        var team = JsonDocument.Parse(await client.GetStringAsync("/api/team", Cancel)).RootElement;
        var watch = JsonDocument.Parse((await _rig.Cli.RunAsync("watch", "--once", "--json")).StandardOutput).RootElement;

        // Assert
        var fields = watch.EnumerateObject().Select(p => p.Name).ToList();
        team.EnumerateObject().Select(p => p.Name).Should().Contain(fields).And.Contain(["team", "requests"]);
        var dev = team.GetProperty("peers")[0];
        dev.GetProperty("role").GetString().Should().Be("dev");
        dev.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(watch.GetProperty("peers")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_first_URL_leaves_an_HttpOnly_SameSite_Strict_cookie_that_carries_the_token_after_it()
    {
        // Arrange
        await using var board = await _rig.BoardAsync();
        using var raw = board.Client(bearer: false);
        using var browser = board.CookieClient();

        // Act
        var redirect = await raw.GetAsync(board.Url, Cancel);
        var page = await browser.GetAsync(board.Url, Cancel);
        var team = await browser.GetAsync("/api/team", Cancel);

        // Assert
        redirect.StatusCode.Should().Be(HttpStatusCode.Redirect);
        redirect.Headers.Location!.OriginalString.Should().Be("/", "the token leaves the address bar");
        var cookie = redirect.Headers.GetValues("Set-Cookie").Single();
        cookie.Should().Contain(board.Token).And.Contain("httponly").And.Contain("samesite=strict");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync(Cancel)).Should().Contain("<script src=\"/app.js\"");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.NotContain("unsafe-inline");
        team.StatusCode.Should().Be(HttpStatusCode.OK);
        team.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse("there is no CORS");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_POST_with_the_token_but_a_foreign_Origin_is_refused_with_403_and_types_nothing()
    {
        // Arrange
        var (pane, output) = await tmux.StartRecorderAsync();
        await _rig.RegisterAsync("dev", pane);
        await using var board = await _rig.BoardAsync();
        using var client = board.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/send") { Content = BoardProcess.Json("{\"to\":\"dev\",\"text\":\"rm -rf ~\"}") };
        request.Headers.Add("Origin", "http://evil.example");
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/respond") { Content = BoardProcess.Json("{\"role\":\"nobody\",\"request\":\"r1\",\"option\":\"Yes\"}") };
        own.Headers.Add("Origin", board.Origin);

        // Act
        var refused = await client.SendAsync(request, Cancel);
        var allowed = await client.SendAsync(own, Cancel);

        // Assert
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        allowed.StatusCode.Should().Be(HttpStatusCode.NotFound, "the board's own Origin passes the gate (and nobody is registered)");
        (await tmux.RecordedBeforeAMarkerAsync(pane, output)).Should().BeEmpty("nothing was typed into dev's pane");
        (await _rig.Cli.RunAsync("history")).StandardOutput.Should().NotContain("rm -rf");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_token_file_keeps_one_token_with_mode_0600()
    {
        // Arrange
        var path = Path.Combine(_rig.Home, "board-token");

        // Act
        string first, second;
        await using (var board = await _rig.BoardAsync("--token-file", path))
            first = board.Token;
        await using (var board = await _rig.BoardAsync("--token-file", path))
            second = board.Token;

        // Assert
        second.Should().Be(first);
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public void Dispose() => _rig.Dispose();
}
