namespace SessionBridge.Web.Hosting;

/// <summary>
/// Every request passes here first. Without the token (the first URL's query, then the cookie it sets, or
/// <c>Authorization: Bearer</c>) every path answers 401 and shows nothing. An action (any method but GET and
/// HEAD) also needs the board's own Origin or none: a page of another site that somehow holds the token is refused
/// with 403 before anything is done. No CORS headers are ever sent, so no other origin can read an answer.
/// </summary>
internal sealed class AccessGate(string token, bool secure)
{
    public const string QueryName = "token";

    /// <summary>
    /// The cookie's name. Cookies are per host, not per port: it carries the board's port (known once Kestrel listens)
    /// so that two boards do not overwrite each other's.
    /// </summary>
    public string CookieName { get; set; } = "session-bridge-board";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var response = context.Response;
        Harden(response);
        var fromQuery = request.Query[QueryName].ToString();
        var authorized = BoardToken.Matches(token, Bearer(request)) || BoardToken.Matches(token, request.Cookies[CookieName]);
        if (!authorized && HttpMethods.IsGet(request.Method) && BoardToken.Matches(token, fromQuery))
        {
            // The first URL: from now on the cookie carries the token, and the address bar (and history) loses it.
            response.Cookies.Append(CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = secure,
                Path = "/",
                IsEssential = true,
            });
            if (request.Path == "/")
            {
                response.Redirect("/");
                return;
            }

            authorized = true;
        }

        if (!authorized)
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("401: open the URL `session-bridge web` printed, or send Authorization: Bearer TOKEN.\n", context.RequestAborted);
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !OwnOrigin(request))
        {
            response.StatusCode = StatusCodes.Status403Forbidden;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("403: an action from another site's page is refused; nothing was done.\n", context.RequestAborted);
            return;
        }

        await next(context);
    }

    /// <summary>No Origin (a script, curl), or exactly the board's own: the scheme and host this request came to.</summary>
    private static bool OwnOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>
    /// Only the page's own scripts and styles run; nothing frames it; no referrer leaks the first URL's token; nothing
    /// is cached (a screen is private).
    /// </summary>
    private static void Harden(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }
}
