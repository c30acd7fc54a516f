using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SessionBridge.Web.Api;
using SessionBridge.Web.Requests;
using SessionBridge.Web.Teams;

namespace SessionBridge.Web.Hosting;

/// <summary>
/// Kestrel with the gate in front of everything, the page and the API behind it. Starts, prints the one line a
/// person (or a script) needs, and serves until Ctrl-C. Logs go to stderr only: stdout carries that line alone.
/// </summary>
internal static class BoardServer
{
    public static async Task<int> RunAsync(WebArguments arguments, string token, IBoardTeams teams, IRequestDesk desk)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        X509Certificate2? certificate = null;
        if (arguments.Cert is { } cert)
            certificate = X509Certificate2.CreateFromPemFile(cert, arguments.Key);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(arguments.Listen, arguments.Port, listen =>
            {
                if (certificate is not null)
                    listen.UseHttps(certificate);
            });
        });

        await using var app = builder.Build();
        var port = arguments.Port;
        var gate = new AccessGate(token, arguments.Tls);
        app.Use(gate.InvokeAsync);
        StaticPage.Map(app);
        await using var feed = new BoardFeed(teams, desk, m => Console.Error.WriteLine($"warning: {m}"));
        BoardEndpoints.Map(app, teams, desk, feed);

        await app.StartAsync();
        port = Port(app) ?? port;
        gate.CookieName = $"session-bridge-board-{port}";
        feed.Start();
        var url = $"{(arguments.Tls ? "https" : "http")}://{Host(arguments.Listen)}:{port}/?{AccessGate.QueryName}={token}";
        Console.Out.WriteLine(arguments.Json ? System.Text.Json.JsonSerializer.Serialize(new WebStart(url, token, port), WebJson.Default.WebStart) : url);
        Console.Out.Flush();
        if (!IPAddress.IsLoopback(arguments.Listen) && !arguments.Tls)
            await Console.Error.WriteLineAsync("warning: --insecure-http: the token and every screen cross the network in clear text.");
        // Off loopback the board is meant for another device, often a phone: its camera reads the URL off the terminal.
        if (arguments.Qr || (!IPAddress.IsLoopback(arguments.Listen) && !Console.IsErrorRedirected))
        {
            await Console.Error.WriteLineAsync("The URL as a QR code, for a phone's camera:");
            await Console.Error.WriteAsync(UrlQrCode.Render(url));
        }
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static int? Port(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => new Uri(a.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port)
            .FirstOrDefault();

    /// <summary>The host for the printed URL: the address served, or for "any address" this machine's first network address.</summary>
    private static string Host(IPAddress listen)
    {
        if (IPAddress.IsLoopback(listen))
            return listen.AddressFamily == AddressFamily.InterNetworkV6 ? "[::1]" : "127.0.0.1";
        if (!listen.Equals(IPAddress.Any) && !listen.Equals(IPAddress.IPv6Any))
            return listen.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{listen}]" : listen.ToString();
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        return address?.ToString() ?? Dns.GetHostName();
    }
}
