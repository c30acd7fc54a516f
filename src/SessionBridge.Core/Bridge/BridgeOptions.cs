using SessionBridge.Errors;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Bridge;

/// <summary>Where the state lives, who is calling, and the timings that real tmux and Claude Code need.</summary>
internal sealed record BridgeOptions
{
    public required StateDirectory State { get; init; }

    /// <summary>This session's pane (<c>$TMUX_PANE</c>), the default for register.</summary>
    public string? CallerPane { get; init; }

    /// <summary>This session's tmux server (first field of <c>$TMUX</c>).</summary>
    public string? CallerSocket { get; init; }

    /// <summary>The wait between the paste and Enter (<see cref="Timings.SettleDelay"/>; <c>SESSION_BRIDGE_SETTLE_MS</c>).</summary>
    public TimeSpan SettleDelay { get; init; } = Timings.SettleDelay;

    /// <summary>The wait after Enter before the screen is read to tell submitted from queued or typed.</summary>
    public TimeSpan VerifyDelay { get; init; } = Timings.VerifyDelay;

    /// <summary>How long after Enter a text still in the input box may yet be taken (<see cref="Timings.SubmitPatience"/>).</summary>
    public TimeSpan SubmitPatience { get; init; } = Timings.SubmitPatience;

    /// <summary>Escape followed at once by another key reaches the program as Alt-key: pause after it.</summary>
    public TimeSpan EscapePause { get; init; } = Timings.EscapePause;

    /// <summary>A short gap between the keys of one respond call, so a menu redraws between them.</summary>
    public TimeSpan KeyInterval { get; init; } = Timings.KeyInterval;

    /// <summary>
    /// How often wait_for looks at the peer's screen or the caller's inbox when no file it watches has
    /// changed: the slow fallback for panes without hooks, and how an interrupt (which fires no hook) is seen.
    /// </summary>
    public TimeSpan WaitFallbackInterval { get; init; } = Timings.WaitFallbackInterval;

    /// <summary>
    /// How long a hook's word stands against a screen that disagrees: the screen lags a hook by a redraw. After
    /// it the screen wins (<see cref="PeerStateReader"/>).
    /// </summary>
    public TimeSpan HookGrace { get; init; } = Timings.HookGrace;

    /// <summary>Where warnings go that the caller need not see (an ignored presence file): the server's log.</summary>
    public Action<string>? Warn { get; init; }

    /// <summary>The loop brake: messages one role may send another in any 60 s (<c>SESSION_BRIDGE_MAX_PER_MINUTE</c>).</summary>
    public int MaxPerMinute { get; init; } = Limits.DefaultMaxPerMinute;

    public TimeSpan StateLockTimeout { get; init; } = Timings.StateLockTimeout;

    public TimeSpan PaneLockTimeout { get; init; } = Timings.PaneLockTimeout;

    public TimeSpan TmuxTimeout { get; init; } = Timings.TmuxTimeout;

    /// <summary>How messages name what the reader can do: the tools' words unless a front end gives its own.</summary>
    public Wording Words { get; init; } = Wording.Tools;

    /// <summary>The door to one tmux server (null: the caller's own).</summary>
    public TmuxClient Tmux(string? socket) => new(socket, TmuxTimeout);

    /// <summary>The store shared across machines this program links in (NATS); null in the programs without its client.</summary>
    public IRemoteStore? Remote { get; init; }

    /// <summary>Where settings read later come from (the shared store's: <see cref="StateStore.Open"/>).</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The options the environment's settings give (<see cref="BridgeSettings.Read"/>).</summary>
    /// <exception cref="SettingException">A setting holds a value it does not allow.</exception>
    public static BridgeOptions FromEnvironment(Func<string, string?>? getVariable = null) => From(BridgeSettings.Read(getVariable));

    /// <param name="folder">Whose team it is (<see cref="TeamResolver"/>): the working directory unless given.</param>
    public static BridgeOptions From(BridgeSettings settings, string? folder = null) =>
        new()
        {
            State = new StateDirectory(
                settings.StateDirectory,
                TeamResolver.Resolve(settings.Team, folder ?? Environment.CurrentDirectory, settings.StateDirectory)
            ),
            GetVariable = settings.Variables,
            CallerPane = NullIfBlank(settings.Variables("TMUX_PANE")),
            CallerSocket = TmuxSocket.FromTmuxVariable(settings.Variables("TMUX")),
            SettleDelay = settings.SettleDelay,
            MaxPerMinute = settings.MaxPerMinute,
        };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
