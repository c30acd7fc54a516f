using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SessionBridge.Bridge;
using SessionBridge.Server;
using SessionBridge.Server.Cli;

if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args);

var builder = Host.CreateApplicationBuilder();

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
