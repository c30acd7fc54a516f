using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SessionBridge.Bridge;
using SessionBridge.Hosts;

namespace SessionBridge.Server;

/// <summary>
/// Runs this server's <see cref="HostAgent"/> while the server runs: on a team across machines it answers for this
/// host's panes and keeps the host's heartbeat; on the file store it does nothing.
/// </summary>
internal sealed class HostAgentService(UseCases useCases, ILoggerFactory? loggers = null) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (useCases.State.Hosts is null)
            return Task.CompletedTask;
        var logger = loggers?.CreateLogger("SessionBridge");
        var agent = new HostAgent(useCases, logger is null ? null : warning => ServerLog.Warning(logger, warning));
        // Off the start-up path: the MCP server answers initialize while the agent connects.
        return Task.Run(() => agent.RunAsync(stoppingToken), stoppingToken);
    }
}
