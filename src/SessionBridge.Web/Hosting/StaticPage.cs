namespace SessionBridge.Web.Hosting;

/// <summary>The page: four files embedded in the program (wwwroot/), served as they are. No build step, no CDN.</summary>
internal static class StaticPage
{
    private static readonly (string Path, string Resource, string Type)[] Files =
    [
        ("/", "wwwroot/index.html", "text/html; charset=utf-8"),
        ("/app.js", "wwwroot/app.js", "text/javascript; charset=utf-8"),
        ("/requests.js", "wwwroot/requests.js", "text/javascript; charset=utf-8"),
        ("/app.css", "wwwroot/app.css", "text/css; charset=utf-8"),
    ];

    public static void Map(WebApplication app)
    {
        foreach (var (path, resource, type) in Files)
        {
            var bytes = Read(resource);
            app.MapGet(path, http => Results.Bytes(bytes, type).ExecuteAsync(http));
        }
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(StaticPage).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded: the build lost the page.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
