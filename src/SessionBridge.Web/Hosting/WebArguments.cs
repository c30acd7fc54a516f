using System.Globalization;
using System.Net;

namespace SessionBridge.Web.Hosting;

/// <summary>
/// What <c>session-bridge web</c> was asked for. Parsed by hand: a handful of options, and this program stays small.
/// </summary>
/// <param name="Team">--team NAME: the board's team (null: the one a command run here acts on).</param>
/// <param name="All">--all: every team of this state directory.</param>
/// <param name="Listen">--listen ADDR: the address served; loopback unless told.</param>
/// <param name="InsecureHttp">--insecure-http: serve plain HTTP off loopback, on purpose.</param>
/// <param name="Qr">--qr: print the URL's QR code on stderr whatever the address (else only off loopback, on a terminal).</param>
internal sealed record WebArguments(
    string? Team,
    bool All,
    int Port,
    bool Json,
    string? TokenFile,
    IPAddress Listen,
    string? Cert,
    string? Key,
    bool InsecureHttp,
    bool Qr = false
)
{
    /// <summary>The port when none is given: fixed, so a kept token (--token-file) gives a URL that can be bookmarked.</summary>
    public const int DefaultPort = 7433;

    public const string Usage =
        "usage: session-bridge web [--team NAME | --all] [--port PORT] [--json] [--token-file PATH] "
        + "[--listen ADDR (--cert PEM --key PEM | --insecure-http)] [--qr]";

    public bool Tls => Cert is not null;

    /// <summary>The arguments, or why not (a sentence for stderr).</summary>
    public static (WebArguments? Arguments, string? Problem) Parse(IReadOnlyList<string> args)
    {
        string? team = null, tokenFile = null, cert = null, key = null, listen = null;
        bool all = false, json = false, insecure = false, qr = false;
        var port = DefaultPort;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (arg)
            {
                case "--team": team = Value(); if (team is null) return Missing(arg); break;
                case "--all": all = true; break;
                case "--json": json = true; break;
                case "--insecure-http": insecure = true; break;
                case "--qr": qr = true; break;
                case "--token-file": tokenFile = Value(); if (tokenFile is null) return Missing(arg); break;
                case "--cert": cert = Value(); if (cert is null) return Missing(arg); break;
                case "--key": key = Value(); if (key is null) return Missing(arg); break;
                case "--listen": listen = Value(); if (listen is null) return Missing(arg); break;
                case "--port":
                    var text = Value();
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                        return (null, $"--port takes a port number from 0 (a free one) to 65535, not \"{text}\".");
                    break;
                default:
                    return (null, $"unknown argument \"{arg}\".");
            }
        }

        if (all && team is not null)
            return (null, "--team and --all: give one or the other.");
        if ((cert is null) != (key is null))
            return (null, "--cert and --key go together: the certificate and its private key, both PEM files.");
        var address = IPAddress.Loopback;
        if (listen is not null && !TryAddress(listen, out address))
            return (null, $"--listen takes an IP address (127.0.0.1, 0.0.0.0, 192.168.1.20, ::), not \"{listen}\".");
        if (!IPAddress.IsLoopback(address) && cert is null && !insecure)
        {
            return (null, $"--listen {listen} serves other machines: this page can type into every pane, so it needs TLS "
                + "(--cert and --key), or --insecure-http to serve plain HTTP on a network you trust.");
        }

        return (new WebArguments(team, all, port, json, tokenFile, address, cert, key, insecure, qr), null);
    }

    private static bool TryAddress(string text, out IPAddress address)
    {
        if (text == "localhost")
        {
            address = IPAddress.Loopback;
            return true;
        }

        return IPAddress.TryParse(text, out address!);
    }

    private static (WebArguments?, string?) Missing(string option) => (null, $"{option} needs a value.");
}
