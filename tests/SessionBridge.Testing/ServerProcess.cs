using ModelContextProtocol.Client;

namespace SessionBridge.Testing;

/// <summary>The built <c>session-bridge</c> executable, started as a real process and spoken to over stdio.</summary>
public static class ServerProcess
{
    /// <param name="launch">A command that runs the server given as its last arguments (e.g. <see cref="ConfinedFileSystem"/>); by default the server itself.</param>
    public static async Task<McpClient> StartAsync(
        string stateDirectory,
        IDictionary<string, string?>? environment = null,
        Func<string, (string Command, string[] Arguments)>? launch = null
    )
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

        var (command, arguments) = launch?.Invoke(BuiltExecutables.Server) ?? (BuiltExecutables.Server, []);
        var transport = new StdioClientTransport(
            new StdioClientTransportOptions
            {
                Name = "session-bridge",
                Command = command,
                Arguments = arguments,
                EnvironmentVariables = variables,
            }
        );
        return await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken);
    }
}
