using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionBridge.Web.Tests.Infrastructure;

namespace SessionBridge.Web.Tests.Api;

/// <summary>POST /api/send: a script with the bearer token and no Origin types a message into a role's prompt, as <c>person</c>.</summary>
public sealed class WebSendSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly BoardRig _rig = new(tmux);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_sent_with_the_bearer_token_and_no_Origin_reaches_the_role_from_person()
    {
        // Arrange
        var (pane, log) = await tmux.StartFakeClaudeAsync();
        await _rig.RegisterAsync("dev", pane);
        await using var board = await _rig.BoardAsync();
        using var client = board.Client();

        // Act
        var response = await client.PostAsJsonAsync("/api/send", new { to = "dev", text = "Run the tests, please." }, Cancel);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var sent = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        sent.GetProperty("from").GetString().Should().Be("person");
        sent.GetProperty("delivered").GetBoolean().Should().BeTrue();
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(log).Any(m => m.Contains("Run the tests, please.")), "dev's prompt to take the message");
        PrivateTmuxServer.Submitted(log).Single().Should().Contain("person");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_to_a_role_nobody_plays_is_404_and_types_nothing()
    {
        // Arrange
        await using var board = await _rig.BoardAsync();
        using var client = board.Client();

        // Act
        var response = await client.PostAsJsonAsync("/api/send", new { to = "ghost", text = "hello" }, Cancel);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task With_all_a_message_names_its_team_and_reaches_the_role_of_that_team_only()
    {
        // Arrange: dev in team alpha and a dev in team beta, the board over both.
        var (alpha, alphaLog) = await tmux.StartFakeClaudeAsync();
        var (beta, betaLog) = await tmux.StartFakeClaudeAsync();
        await _rig.RunAsync("register", "dev", "--pane", alpha, "--team", "alpha");
        await _rig.RunAsync("register", "dev", "--pane", beta, "--team", "beta");
        await using var board = await _rig.BoardAsync("--all");
        using var client = board.Client();

        // Act
        var response = await client.PostAsJsonAsync("/api/send", new { team = "beta", to = "dev", text = "Only for beta." }, Cancel);
        var elsewhere = await client.PostAsJsonAsync("/api/send", new { team = "gamma", to = "dev", text = "Nobody." }, Cancel);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(betaLog).Any(m => m.Contains("Only for beta.")), "beta's dev to take the message");
        PrivateTmuxServer.Submitted(alphaLog).Should().BeEmpty();
        elsewhere.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    public void Dispose() => _rig.Dispose();
}
