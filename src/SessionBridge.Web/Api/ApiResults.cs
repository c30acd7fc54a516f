using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SessionBridge.Server.Cli;

namespace SessionBridge.Web.Api;

/// <summary>How the API answers: JSON from the source-generated context, and the library's errors as status codes.</summary>
internal static class ApiResults
{
    public static IResult Json<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) =>
        Results.Json(value, type, "application/json; charset=utf-8", status);

    public static IResult Error(string message, string code, int status) => Json(new WebError(message, code), WebJson.Default.WebError, status);

    /// <summary>
    /// A caller's mistake is 400 (a bad role name, an option the request does not offer), an unknown role 404, a pane
    /// that cannot be used 409; state or tmux that fail are the board's trouble, 500 and 502.
    /// </summary>
    public static IResult Error(SessionBridgeException e) =>
        Error(
            e.MessageFor(CliWording.Instance),
            e.Code.ToWireName(),
            e.Code switch
            {
                ErrorCode.InvalidArgument => StatusCodes.Status400BadRequest,
                ErrorCode.NotRegistered => StatusCodes.Status404NotFound,
                ErrorCode.NoPane => StatusCodes.Status409Conflict,
                ErrorCode.Tmux => StatusCodes.Status502BadGateway,
                _ => StatusCodes.Status500InternalServerError,
            }
        );

    public static IResult NoTeam(string? name) =>
        Error($"This board shows no team \"{name}\".", "unknown_team", StatusCodes.Status404NotFound);

    /// <summary>The body as <typeparamref name="T"/>, or null when it is not that JSON (the caller answers 400).</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
            return null;
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static IResult BadBody(string shape) =>
        Error($"The body must be JSON (Content-Type: application/json) like {shape}.", "invalid_argument", StatusCodes.Status400BadRequest);
}
