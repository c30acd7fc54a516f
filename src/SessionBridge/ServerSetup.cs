using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SessionBridge.Bridge;
using SessionBridge.Server.Tools;

namespace SessionBridge.Server;

/// <summary>The server's services, shared by the stdio program and the in-process tests.</summary>
internal static class ServerSetup
{
    public const string Instructions =
        "session-bridge connects Claude Code sessions that run in tmux panes, each under a role. "
        + "Call register(role) once. send(to, from, text) types a message into another role's prompt; "
        + "read_peer and detect_question show whether a peer is busy, idle, or waiting on a menu "
        + "(answer with respond and key tokens) or a question (answer with send). history and inbox show "
        + "the messages; a delivered:false message still reaches the recipient's inbox. set_prompt saves a "
        + "role's briefing, restored after /clear. supervise(roles) makes you the supervisor of those roles: "
        + "you are told at once when one waits on a permission or a question, and respond(role, option) answers "
        + "it through Claude Code's hook, so no polling loop is needed.";

    public static IMcpServerBuilder AddSessionBridge(this IServiceCollection services, BridgeOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp =>
        {
            // Core has no logging: warnings it need not show the caller (an ignored presence file) go to the log.
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger("SessionBridge");
            var bridge = sp.GetRequiredService<BridgeOptions>();
            return new UseCases(logger is null ? bridge : bridge with { Warn = warning => ServerLog.Warning(logger, warning) });
        });
        // A team across machines: this server answers for its host's panes and keeps the host's heartbeat.
        services.AddHostedService<HostAgentService>();
        return services
            .AddMcpServer(server =>
            {
                server.ServerInfo = new Implementation
                {
                    Name = "session-bridge",
                    Version = typeof(ServerSetup).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                };
                server.ServerInstructions = Instructions;
                // Listed from descriptors written at build time: none is made by reflection until it is called.
                server.ToolCollection = [.. ToolCatalog.Create()];
            })
            .WithRequestFilters(filters =>
                filters.AddCallToolFilter(next =>
                    async (request, cancellationToken) =>
                    {
                        // Arguments of the wrong shape get a message for the model, not the SDK's generic one.
                        var name = request.Params?.Name;
                        var tools = request.Server.ServerOptions.ToolCollection;
                        if (name is not null && tools is not null && tools.TryGetPrimitive(name, out var tool))
                        {
                            var problem = ArgumentCheck.Problem(name, tool.ProtocolTool.InputSchema, request.Params!.Arguments);
                            if (problem is not null)
                                return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = problem }] };
                        }

                        return await next(request, cancellationToken);
                    }
                )
            );
    }
}
