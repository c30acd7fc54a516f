using System.CommandLine;
using SessionBridge.Processes;

namespace SessionBridge.Server.Cli;

/// <summary>
/// <c>session-bridge web</c>: the board in a browser. It is served by session-bridge-web, installed beside this
/// program, which this one becomes (execv: same pid, stdout and environment), so that this program and the hook carry
/// no web server. Its options are parsed here too, for the help and the usage errors.
/// </summary>
internal static class WebCommand
{
    public const string ExecutableName = Companion.WebExecutableName;

    public static Command Create(CliContext context)
    {
        var team = new Option<string?>("--team") { Description = "The team to show (default: the one a command run here acts on).", HelpName = "NAME" };
        var all = new Option<bool>("--all") { Description = "Show every team." };
        var port = new Option<int?>("--port") { Description = "The port to serve (0 picks a free one; default 7433).", HelpName = "PORT" };
        var json = new Option<bool>("--json") { Description = "Print the first line as JSON: {\"url\", \"token\", \"port\"}." };
        var tokenFile = new Option<string?>("--token-file") { Description = "Keep the token in PATH (mode 0600) instead of a new one each run.", HelpName = "PATH" };
        var listen = new Option<string?>("--listen") { Description = "The address to serve (default 127.0.0.1); off loopback it needs --cert/--key or --insecure-http.", HelpName = "ADDR" };
        var cert = new Option<string?>("--cert") { Description = "The TLS certificate (PEM) for --listen.", HelpName = "PEM" };
        var key = new Option<string?>("--key") { Description = "The TLS certificate's private key (PEM).", HelpName = "PEM" };
        var insecure = new Option<bool>("--insecure-http") { Description = "Serve plain HTTP off loopback (the token crosses the network in clear text)." };
        var qr = new Option<bool>("--qr") { Description = "Print the URL as a QR code on stderr (without it: only off loopback, when stderr is a terminal)." };
        var command = new Command(
            "web",
            "A live board of the team in a browser: answer permission requests and questions, send messages, see a role's "
                + "screen. Prints the URL with its token first; serves until Ctrl-C."
        )
        {
            team, all, port, json, tokenFile, listen, cert, key, insecure, qr,
        };
        command.SetAction(result =>
        {
            var arguments = new List<string>();
            void Add(string name, string? value)
            {
                if (value is not null)
                    arguments.AddRange([name, value]);
            }

            void Flag(string name, bool value)
            {
                if (value)
                    arguments.Add(name);
            }

            Add("--team", result.GetValue(team));
            Flag("--all", result.GetValue(all));
            Add("--port", result.GetValue(port)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Flag("--json", result.GetValue(json));
            Add("--token-file", result.GetValue(tokenFile));
            Add("--listen", result.GetValue(listen));
            Add("--cert", result.GetValue(cert));
            Add("--key", result.GetValue(key));
            Flag("--insecure-http", result.GetValue(insecure));
            Flag("--qr", result.GetValue(qr));
            if (Companion.Wanted(context.Options.GetVariable))
                return CommandRunner.Fail(context, "The web board reads this machine's state files; it does not serve a team on NATS yet. Unset SESSION_BRIDGE_NATS to show a local team.");
            if (Companion.FindBeside(ExecutableName) is not { } program)
            {
                return CommandRunner.Fail(
                    context,
                    $"{ExecutableName}, the program that serves the board, is not beside this one in {AppContext.BaseDirectory}. "
                        + "Reinstall with ./install.sh (it installs it)."
                );
            }

            Console.Out.Flush();
            return CommandRunner.Fail(context, Companion.Run(program, arguments));
        });
        return command;
    }
}
