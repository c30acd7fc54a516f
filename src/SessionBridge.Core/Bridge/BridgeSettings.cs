using System.Globalization;
using SessionBridge.Errors;
using SessionBridge.Held;
using SessionBridge.State;
using SessionBridge.Supervision;

namespace SessionBridge.Bridge;

/// <summary>
/// Every <c>SESSION_BRIDGE_…</c> setting of the server, the command line and the hook, read from the environment
/// here and nowhere else (docs/configuration.md has a row for each). One policy for a bad value: it is refused
/// with a <see cref="SettingException"/> naming the variable, the value and what is allowed. The NATS store's own
/// variables are read by its NatsSettings, from <see cref="Variables"/>, under the same policy.
/// </summary>
internal sealed record BridgeSettings
{
    public const string SettleVariable = "SESSION_BRIDGE_SETTLE_MS";

    public const string MaxPerMinuteVariable = "SESSION_BRIDGE_MAX_PER_MINUTE";

    public const string LogVariable = "SESSION_BRIDGE_LOG";

    /// <summary>The log levels <see cref="LogVariable"/> may name, as the server reads them.</summary>
    public static readonly IReadOnlyList<string> LogLevels = ["trace", "debug", "info", "information", "warn", "warning", "error", "none", "off"];

    /// <summary>The state directory: <c>SESSION_BRIDGE_DIR</c>, else <c>~/.claude/session-bridge</c>.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>
    /// The team named by <c>SESSION_BRIDGE_TEAM</c> (or the command line's <c>--team</c>); null: the folder's
    /// (<see cref="TeamResolver"/>).
    /// </summary>
    public string? Team { get; init; }

    public TimeSpan SettleDelay { get; init; } = Timings.SettleDelay;

    public int MaxPerMinute { get; init; } = Limits.DefaultMaxPerMinute;

    /// <summary>The server's log level, one of <see cref="LogLevels"/> in lower case; null: the server's default.</summary>
    public string? LogLevel { get; init; }

    /// <summary>How long a supervised peer's PermissionRequest hook waits for a decision (<see cref="Supervision.DecisionWait"/>).</summary>
    public TimeSpan DecisionWaitTime { get; init; } = TimeSpan.FromSeconds(DecisionWait.DefaultSeconds);

    /// <summary>The <c>session-bridge</c> program the hook starts (<c>SESSION_BRIDGE_CLI</c>); null: the one beside the hook.</summary>
    public string? Cli { get; init; }

    /// <summary>
    /// The environment itself, for what is not a SessionBridge setting (<c>TMUX</c>, <c>TMUX_PANE</c>, <c>HOME</c>)
    /// and for the NATS store, which reads its own variables.
    /// </summary>
    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The settings the environment gives.</summary>
    /// <exception cref="SettingException">A variable holds a value it does not allow.</exception>
    public static BridgeSettings Read(Func<string, string?>? getVariable = null) => Read(getVariable ?? Environment.GetEnvironmentVariable, e => throw e);

    /// <summary>
    /// The settings for a program that must not fail (the hook: Claude Code shows a failing hook to the user): a bad
    /// value is told to <paramref name="warn"/> with the same message, and that setting keeps its default.
    /// </summary>
    public static BridgeSettings ReadOrDefault(Func<string, string?> getVariable, Action<string> warn) =>
        Read(getVariable, e => warn(e.Message));

    private static BridgeSettings Read(Func<string, string?> getVariable, Action<SettingException> refuse)
    {
        var settings = new BridgeSettings
        {
            StateDirectory = NullIfBlank(getVariable(State.StateDirectory.EnvironmentVariable))
                ?? Path.Combine(UserHome.ClaudeDirectory(getVariable), "session-bridge"),
            Cli = NullIfBlank(getVariable(DeliverHeld.CliVariable)),
            Variables = getVariable,
        };

        if (WholeNumber(getVariable, SettleVariable, 0, Timings.MaxSettleMilliseconds, "milliseconds", refuse) is { } settle)
            settings = settings with { SettleDelay = TimeSpan.FromMilliseconds(settle) };
        if (WholeNumber(getVariable, MaxPerMinuteVariable, 1, Limits.MaxPerMinuteBound, "messages", refuse) is { } perMinute)
            settings = settings with { MaxPerMinute = perMinute };
        if (WholeNumber(getVariable, DecisionWait.Variable, 1, DecisionWait.MaxSeconds, "seconds", refuse) is { } seconds)
            settings = settings with { DecisionWaitTime = TimeSpan.FromSeconds(seconds) };

        if (NullIfBlank(getVariable(TeamName.Variable)) is { } team)
        {
            if (TeamName.IsValid(team.Trim()))
                settings = settings with { Team = team.Trim() };
            else
                refuse(new SettingException(TeamName.Variable, team, TeamName.Rule));
        }

        if (NullIfBlank(getVariable(LogVariable)) is { } log)
        {
            var level = log.Trim().ToLowerInvariant();
            if (LogLevels.Contains(level))
                settings = settings with { LogLevel = level };
            else
                refuse(new SettingException(LogVariable, log, "one of " + string.Join(", ", LogLevels)));
        }

        return settings;
    }

    /// <summary>The whole number the variable holds, null when it is unset or refused.</summary>
    private static int? WholeNumber(
        Func<string, string?> getVariable,
        string variable,
        int min,
        int max,
        string unit,
        Action<SettingException> refuse
    )
    {
        if (NullIfBlank(getVariable(variable)) is not { } text)
            return null;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        refuse(new SettingException(variable, text, $"a whole number of {unit} from {min} to {max}"));
        return null;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
