using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SessionBridge.Bridge;
using SessionBridge.Errors;
using SessionBridge.Server.Cli;
using SessionBridge.Server.Tools;
using SessionBridge.State;

namespace SessionBridge.Server;

/// <summary>
/// The server and the command line, given what the program links in beyond the file store: session-bridge runs it with
/// nothing (no NATS client), session-bridge-nats with the NATS store.
/// </summary>
internal static class ServerProgram
{
    public static async Task<int> RunAsync(string[] args, RemoteParts? remote)
    {
        if (CommandLine.IsCommand(args))
            return await CommandLine.RunAsync(args, remote);

        // Every Claude Code session starts its own server, so start-up is paid often. The tools are listed from
        // descriptors written at build time (ToolCatalog), and the host skips the default one's configuration files,
        // file watchers and extra log providers, none of which this server reads.

        // Every setting is read once, here: a bad value stops the server with a message naming it (Claude Code keeps
        // stderr in its MCP logs), rather than running with something the user did not ask for.
        BridgeSettings settings;
        try
        {
            settings = BridgeSettings.Read();
        }
        catch (SettingException e)
        {
            Console.Error.WriteLine($"session-bridge: {e.Message}");
            return ExitCodes.Error;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });

        // stdout is the MCP channel: every log line goes to stderr. Claude Code keeps that in its MCP logs, so by
        // default only warnings and errors (the SDK otherwise writes three info lines per call).
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(ServerLogLevel.Parse(settings.LogLevel) ?? ServerLogLevel.Default);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

        var options = BridgeOptions.From(settings) with { Remote = remote?.Store };
        // A state directory an older version wrote is upgraded before any store reads it (once per machine).
        try
        {
            await TeamsUpgrade.EnsureAsync(options.State, options.StateLockTimeout, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StateException)
        {
            // The tools still answer, each naming what it cannot read: the server must come up for that.
            await Console.Error.WriteLineAsync($"session-bridge: the state directory could not be upgraded to teams: {e.Message}");
        }
        builder.Services.AddSessionBridge(options).WithStdioServerTransport();

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SessionBridge");
        var pane = options.CallerPane ?? "(none)";
        ServerLog.Starting(logger, options.State.Root, pane);
        await app.RunAsync();
        return 0;
    }
}
