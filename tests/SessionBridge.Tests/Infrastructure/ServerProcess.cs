using ModelContextProtocol.Client;

namespace SessionBridge.Tests.Infrastructure;

/// <summary>The built <c>session-bridge</c> executable, started as a real process and spoken to over stdio.</summary>
public static class ServerProcess
{
    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "session-bridge");

    public static async Task<McpClient> StartAsync(string stateDirectory, IDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["SESSION_BRIDGE_DIR"] = stateDirectory,
            ["TMUX"] = null,
            ["TMUX_PANE"] = null,
            ["HOME"] = stateDirectory,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            variables[key] = value;

        var transport = new StdioClientTransport(
            new StdioClientTransportOptions
            {
                Name = "session-bridge",
                Command = ExecutablePath,
                EnvironmentVariables = variables,
            }
        );
        return await McpClient.CreateAsync(transport);
    }
}
