using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionBridge.Web.Tests.Infrastructure;

namespace SessionBridge.Web.Tests.Api;

/// <summary>
/// POST /api/respond: a pending request of dev (supervised by gestor, its PermissionRequest hook a real process
/// waiting) answered by the person through the same path as <c>session-bridge respond</c>, and the bad cases: an option
/// the request does not offer, a request that already ended (stale), a role nobody plays.
/// </summary>
public sealed class WebRespondSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly BoardRig _rig = new(tmux);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(BoardProcess Board, BackgroundHook Hook, string Request)> PendingAsync(string stdin)
    {
        var (dev, _) = await tmux.StartFakeMenuAsync();
        var gestor = await tmux.StartPaneAsync("sleep 86400");
        await _rig.RegisterAsync("dev", dev);
        await _rig.RegisterAsync("gestor", gestor);
        await _rig.RunAsync("supervise", "dev", "--by", "gestor");
        var board = await _rig.BoardAsync();
        var hook = _rig.Hook(dev, stdin);
        var requests = await BoardRig.PendingAsync(board);
        return (board, hook, requests[0].GetProperty("id").GetString()!);
    }

    private static async Task<HttpResponseMessage> RespondAsync(BoardProcess board, object body)
    {
        using var client = board.Client();
        return await client.PostAsJsonAsync("/api/respond", body, Cancel);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Yes_allows_through_the_hook_as_decided_by_the_person_through_the_web_and_the_request_leaves_the_board()
    {
        // Arrange
        var (board, hook, id) = await PendingAsync(BoardRig.Permission("npm test"));
        await using var _ = board;
        using var client = board.Client();

        // Act
        var response = await RespondAsync(board, new { role = "dev", request = id, option = "Yes" });
        var decision = BoardRig.Decision(await hook.StdoutAsync());
        var again = await RespondAsync(board, new { role = "dev", request = id, option = "Yes" });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        result.GetProperty("answeredVia").GetString().Should().Be("hook");
        result.GetProperty("decision").GetString().Should().Be("allow");
        decision.GetProperty("behavior").GetString().Should().Be("allow");
        var team = await client.GetFromJsonAsync<JsonElement>("/api/team", Cancel);
        team.GetProperty("requests").GetArrayLength().Should().Be(0);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString().Should().Be("stale");
        (await _rig.Cli.RunAsync("history")).StandardOutput.Should().Contain($"[request {id}]").And.Contain("decided by person through the web");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task No_with_a_reason_denies_with_that_reason_through_the_hook()
    {
        // Arrange
        var (board, hook, id) = await PendingAsync(BoardRig.Permission("rm -rf build"));
        await using var _ = board;

        // Act
        var response = await RespondAsync(board, new { role = "dev", request = id, option = "No", reason = "Use make clean instead." });
        var decision = BoardRig.Decision(await hook.StdoutAsync());

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        decision.GetProperty("behavior").GetString().Should().Be("deny");
        decision.GetProperty("message").GetString().Should().Be("Use make clean instead.");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task An_option_the_question_does_not_offer_is_refused_with_400_and_the_request_still_waits()
    {
        // Arrange
        var (board, _, id) = await PendingAsync(BoardRig.Question());
        await using var __ = board;

        // Act
        var response = await RespondAsync(board, new { role = "dev", request = id, option = "MongoDB" });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString().Should().Be("invalid_argument");
        (await BoardRig.PendingAsync(board))[0].GetProperty("id").GetString().Should().Be(id);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_question_is_answered_with_an_option_label()
    {
        // Arrange
        var (board, hook, id) = await PendingAsync(BoardRig.Question());
        await using var _ = board;

        // Act
        var response = await RespondAsync(board, new { role = "dev", request = id, option = "SQLite" });
        var decision = BoardRig.Decision(await hook.StdoutAsync());

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        decision.GetProperty("updatedInput").GetProperty("answers").GetProperty(BoardRig.MenuQuestion).GetString().Should().Be("SQLite");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_role_nobody_plays_is_404_and_a_body_that_is_not_JSON_is_400()
    {
        // Arrange
        await using var board = await _rig.BoardAsync();
        using var client = board.Client();

        // Act
        var unknown = await RespondAsync(board, new { role = "ghost", request = "r1", option = "Yes" });
        var garbage = await client.PostAsync("/api/respond", new StringContent("role=dev"), Cancel);
        var noTeam = await RespondAsync(board, new { role = "dev", option = "Yes", team = "elsewhere" });

        // Assert
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString().Should().Be("not_registered");
        garbage.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        noTeam.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    public void Dispose() => _rig.Dispose();
}
