using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SessionBridge.Bridge;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>What every command shares: the use cases over this user's state, worded for a person, and where output goes.</summary>
internal sealed class CliContext(IAnsiConsole console, TextWriter output, bool json = false, string? team = null)
{
    private UseCases? _bridge;

    public static JsonSerializerOptions JsonOptions { get; } = new(BridgeJson.ToolOptions) { WriteIndented = true };

    public IAnsiConsole Console { get; } = console;

    public TextWriter Output { get; } = output;

    /// <summary>--json was given: results and errors go to stdout as JSON, for scripts.</summary>
    public bool Json { get; } = json;

    /// <summary>The options the environment's settings give; a bad setting throws <see cref="Errors.SettingException"/> here.</summary>
    public BridgeOptions Options => _options ??= Read() with { Words = CliWording.Instance };

    /// <summary>The team <c>--team</c> named, or null (then SESSION_BRIDGE_TEAM's, else the folder's).</summary>
    public string? Team { get; } = team;

    private BridgeOptions Read()
    {
        var settings = BridgeSettings.Read();
        if (Team is not null && !State.TeamName.IsValid(Team))
            throw new Errors.SettingException("--team", Team, State.TeamName.Rule);
        return BridgeOptions.From(Team is null ? settings : settings with { Team = Team });
    }

    private BridgeOptions? _options;

    public UseCases Bridge => _bridge ??= new UseCases(Options);

    public void WriteJson<T>(T value)
    {
        var info = (JsonTypeInfo<T>)JsonOptions.GetTypeInfo(typeof(T));
        Output.WriteLine(JsonSerializer.Serialize(value, info));
    }

    /// <summary>One value on one line (JSON Lines), for output that streams.</summary>
    public void WriteJsonLine<T>(T value)
    {
        var info = (JsonTypeInfo<T>)BridgeJson.ToolOptions.GetTypeInfo(typeof(T));
        Output.WriteLine(JsonSerializer.Serialize(value, info));
    }
}
