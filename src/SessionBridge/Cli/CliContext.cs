using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SessionBridge.Bridge;
using SessionBridge.Diagnostics;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>
/// What every command shares: the use cases over this user's state, worded for a person, and where output goes. The
/// use cases are made on first use and closed with the context (their store's connection with them).
/// </summary>
internal sealed class CliContext(
    IAnsiConsole console,
    TextWriter output,
    bool json = false,
    RemoteParts? remote = null,
    TimeProvider? clock = null,
    string? team = null
) : IAsyncDisposable
{
    private UseCases? _bridge;

    public static JsonSerializerOptions JsonOptions { get; } = new(BridgeJson.ToolOptions) { WriteIndented = true };

    public IAnsiConsole Console { get; } = console;

    public TextWriter Output { get; } = output;

    /// <summary>--json was given: results and errors go to stdout as JSON, for scripts.</summary>
    public bool Json { get; } = json;

    /// <summary>The options the environment's settings give; a bad setting throws <see cref="Errors.SettingException"/> here.</summary>
    public BridgeOptions Options => _options ??= Read() with { Words = CliWording.Instance, Remote = remote?.Store };

    /// <summary>The team <c>--team</c> named, or null (then SESSION_BRIDGE_TEAM's, else the folder's).</summary>
    public string? Team { get; } = team;

    private BridgeOptions Read()
    {
        var settings = BridgeSettings.Read();
        if (Team is not null && !State.TeamName.IsValid(Team))
            throw new Errors.SettingException("--team", Team, State.TeamName.Rule);
        return BridgeOptions.From(Team is null ? settings : settings with { Team = Team });
    }

    /// <summary>
    /// Acts for <paramref name="team"/> from now on (up, which may start a team other than the folder's): only before
    /// the use cases are made, since their store is opened for one team.
    /// </summary>
    public void UseTeam(string team)
    {
        if (_bridge is not null && _bridge.State.Directory.Team != team)
            throw new InvalidOperationException("the use cases are already open for another team");
        _options = Options with { State = Options.State.ForTeam(team) };
    }

    private BridgeOptions? _options;

    /// <summary>The doctor's checks of the NATS store, in session-bridge-nats; null in session-bridge.</summary>
    public IRemoteDoctor? RemoteDoctor { get; } = remote?.Doctor;

    /// <summary>The one clock of the commands, the use cases' too: a spec may pass its own.</summary>
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    public UseCases Bridge => _bridge ??= new UseCases(Options, Clock);

    public ValueTask DisposeAsync() => _bridge?.DisposeAsync() ?? ValueTask.CompletedTask;

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
