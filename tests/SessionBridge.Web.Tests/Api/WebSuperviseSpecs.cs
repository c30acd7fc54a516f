using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionBridge.Web.Tests.Infrastructure;

namespace SessionBridge.Web.Tests.Api;

/// <summary>
/// POST /api/supervise: the person supervises a role (as <c>session-bridge supervise ROLE --by person</c>) or stops,
/// the role's card says who supervises it, and the board's token and Origin rules hold as for every action.
/// </summary>
public sealed class WebSuperviseSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly BoardRig _rig = new(tmux);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<string?> SupervisorAsync(HttpClient client, string role)
    {
        var team = await client.GetFromJsonAsync<JsonElement>("/api/team", Cancel);
        var peer = team.GetProperty("peers").EnumerateArray().Single(p => p.GetProperty("role").GetString() == role);
        return peer.TryGetProperty("supervisor", out var supervisor) ? supervisor.GetString() : null;
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_supervise_a_role_as_the_person_and_stop()
    {
        // Arrange
        await _rig.RegisterAsync("dev", await tmux.StartPaneAsync("sleep 86400"));
        await using var board = await _rig.BoardAsync();
        using var client = board.Client();

        // Act
        var supervised = await client.PostAsJsonAsync("/api/supervise", new { role = "dev" }, Cancel);
        var during = await SupervisorAsync(client, "dev");
        var stopped = await client.PostAsJsonAsync("/api/supervise", new { role = "dev", stop = true }, Cancel);
        var after = await SupervisorAsync(client, "dev");

        // Assert
        supervised.StatusCode.Should().Be(HttpStatusCode.OK);
        (await supervised.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("supervisor").GetString().Should().Be("person");
        during.Should().Be("person");
        stopped.StatusCode.Should().Be(HttpStatusCode.OK);
        after.Should().BeNull();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_supervise_with_a_foreign_Origin_is_refused_with_403_and_changes_nothing()
    {
        // Arrange
        await _rig.RegisterAsync("dev", await tmux.StartPaneAsync("sleep 86400"));
        await using var board = await _rig.BoardAsync();
        using var client = board.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/supervise") { Content = BoardProcess.Json("{\"role\":\"dev\"}") };
        request.Headers.Add("Origin", "http://evil.example");
        using var anonymous = board.Client(bearer: false);

        // Act
        var refused = await client.SendAsync(request, Cancel);
        var unauthorized = await anonymous.PostAsync("/api/supervise", BoardProcess.Json("{\"role\":\"dev\"}"), Cancel);

        // Assert
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        unauthorized.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await SupervisorAsync(client, "dev")).Should().BeNull();
    }

    public void Dispose() => _rig.Dispose();
}
