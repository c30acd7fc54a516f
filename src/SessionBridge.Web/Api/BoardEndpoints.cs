using System.Text.Json;
using SessionBridge.Web.Requests;
using SessionBridge.Web.Teams;

namespace SessionBridge.Web.Api;

/// <summary>The JSON API (docs/web.md): what the page itself uses, and what scripts may use with the bearer token.</summary>
internal static class BoardEndpoints
{
    public static void Map(WebApplication app, IBoardTeams teams, IRequestDesk desk, BoardFeed feed)
    {
        app.MapGet("/api/team", Handle(async http =>
        {
            var name = Query(http, "team");
            if (teams.Find(name) is not { } team)
                return ApiResults.NoTeam(name);
            return await Guarded(async () => ApiResults.Json(await feed.TeamAsync(team, http.RequestAborted), WebJson.Default.TeamView));
        }));

        app.MapGet("/api/teams", Handle(async http =>
            await Guarded(async () => ApiResults.Json(await feed.BuildAsync(http.RequestAborted), WebJson.Default.BoardView))));

        app.MapGet("/api/events", (RequestDelegate)(http => EventsAsync(http, feed)));

        // The one screen the board reads: the page asks for it once a second while a person looks at it.
        app.MapGet("/api/screen", Handle(async http =>
        {
            var name = Query(http, "team");
            if (teams.Find(name) is not { } team)
                return ApiResults.NoTeam(name);
            int? lines = int.TryParse(Query(http, "lines"), out var n) ? n : 0;
            return await Guarded(async () =>
                ApiResults.Json(await team.Bridge.Screens.ReadPeerAsync(Query(http, "role"), lines, http.RequestAborted), WebJson.Default.ReadPeerResult));
        }));

        app.MapPost("/api/respond", Handle(async http =>
        {
            var answer = await ApiResults.ReadAsync(http.Request, WebJson.Default.WebAnswer, http.RequestAborted);
            if (answer is null)
                return ApiResults.BadBody("{\"role\": \"dev\", \"request\": \"ID\", \"option\": \"Yes\"}");
            if (teams.Find(answer.Team) is not { } team)
                return ApiResults.NoTeam(answer.Team);
            return await Guarded(async () =>
            {
                // Not the request's: the browser leaving must not cut a decision in half.
                var result = await desk.AnswerAsync(team, answer, CancellationToken.None);
                var status = result.Sent ? StatusCodes.Status200OK : StatusCodes.Status409Conflict;
                return ApiResults.Json(result, WebJson.Default.RespondResult, status);
            });
        }));

        app.MapPost("/api/send", Handle(async http =>
        {
            var message = await ApiResults.ReadAsync(http.Request, WebJson.Default.WebMessage, http.RequestAborted);
            if (message is null)
                return ApiResults.BadBody("{\"to\": \"dev\", \"text\": \"…\"}");
            if (teams.Find(message.Team) is not { } team)
                return ApiResults.NoTeam(message.Team);
            return await Guarded(async () =>
            {
                var sent = await team.Bridge.Sending.SendAsync(message.To, RoleName.Person, message.Text, cancellationToken: CancellationToken.None);
                return ApiResults.Json(sent, WebJson.Default.SendResult);
            });
        }));

        // What `session-bridge supervise ROLE --by person` (or --stop) does.
        app.MapPost("/api/supervise", Handle(async http =>
        {
            var asked = await ApiResults.ReadAsync(http.Request, WebJson.Default.WebSupervise, http.RequestAborted);
            if (asked?.Role is not { } role)
                return ApiResults.BadBody("{\"role\": \"dev\"}");
            if (teams.Find(asked.Team) is not { } team)
                return ApiResults.NoTeam(asked.Team);
            return await Guarded(async () =>
            {
                var done = asked.Stop
                    ? await team.Bridge.Supervising.StopAsync([role], CancellationToken.None)
                    : await team.Bridge.Supervising.SetAsync(RoleName.Person, [role], null, CancellationToken.None);
                return ApiResults.Json(done, WebJson.Default.SuperviseResult);
            });
        }));
    }

    /// <summary>Server-sent events: a <c>board</c> event with every team's view now, then one each time it changes.</summary>
    private static async Task EventsAsync(HttpContext http, BoardFeed feed)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await foreach (var view in feed.SubscribeAsync(http.RequestAborted))
            {
                var json = JsonSerializer.Serialize(view, WebJson.Default.BoardView);
                await response.WriteAsync($"event: board\ndata: {json}\n\n", http.RequestAborted);
                await response.Body.FlushAsync(http.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The browser left.
        }
    }

    /// <summary>A handler as a plain RequestDelegate: no request delegate generator, nothing bound by reflection.</summary>
    private static RequestDelegate Handle(Func<HttpContext, Task<IResult>> handler) =>
        async http => await (await handler(http)).ExecuteAsync(http);

    private static string? Query(HttpContext http, string name) => http.Request.Query[name] is { Count: > 0 } values ? values.ToString() : null;

    private static async Task<IResult> Guarded(Func<Task<IResult>> act)
    {
        try
        {
            return await act();
        }
        catch (SessionBridgeException e)
        {
            return ApiResults.Error(e);
        }
    }
}
