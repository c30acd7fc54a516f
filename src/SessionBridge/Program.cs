using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SessionBridge.Bridge;
using SessionBridge.Server;
using SessionBridge.Server.Cli;

if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args);

// Every Claude Code session starts its own server, so start-up is paid often: skip the default host's
// configuration files, file watchers and extra log providers, none of which this server reads.
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });

// stdout is the MCP channel: every log line goes to stderr.
builder.Logging.ClearProviders();
builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

var options = BridgeOptions.FromEnvironment();
builder.Services.AddSessionBridge(options).WithStdioServerTransport();

var app = builder.Build();
var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SessionBridge");
var pane = options.CallerPane ?? "(none)";
ServerLog.Starting(logger, options.State.Root, pane);
await app.RunAsync();
return 0;
