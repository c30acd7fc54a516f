using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SessionBridge.Bridge;
using SessionBridge.Server;
using SessionBridge.Server.Cli;
using SessionBridge.Server.Tools;

if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args);

// Every Claude Code session starts its own server, so start-up is paid often. The tool descriptors are made
// in parallel while the host is built, and the host skips the default one's configuration files, file
// watchers and extra log providers, none of which this server reads.
var tools = ToolCatalog.StartCreating();
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });

// stdout is the MCP channel: every log line goes to stderr.
builder.Logging.ClearProviders();
builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

var options = BridgeOptions.FromEnvironment();
builder.Services.AddSessionBridge(options, tools).WithStdioServerTransport();

var app = builder.Build();
var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SessionBridge");
var pane = options.CallerPane ?? "(none)";
ServerLog.Starting(logger, options.State.Root, pane);
await app.RunAsync();
return 0;
