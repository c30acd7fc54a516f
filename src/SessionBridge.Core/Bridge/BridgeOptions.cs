using System.Globalization;
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

    /// <summary>
    /// The wait between the paste and Enter: Claude Code finishes taking a paste after ~100 ms, and an
    /// Enter that arrives sooner is eaten as part of it. <c>SESSION_BRIDGE_SETTLE_MS</c> overrides.
    /// </summary>
    public TimeSpan SettleDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The wait after Enter before the screen is read to tell submitted from queued or typed.</summary>
    public TimeSpan VerifyDelay { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Escape followed at once by another key reaches the program as Alt-key: pause after it.</summary>
    public TimeSpan EscapePause { get; init; } = TimeSpan.FromMilliseconds(120);

    /// <summary>A short gap between the keys of one respond call, so a menu redraws between them.</summary>
    public TimeSpan KeyInterval { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>
    /// How often wait_for looks at the peer's screen or the caller's inbox when no file it watches has
    /// changed: the slow fallback for panes without hooks, and how an interrupt (which fires no hook) is seen.
    /// </summary>
    public TimeSpan WaitFallbackInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a hook's word stands against a screen that disagrees: the screen lags a hook by a redraw. After
    /// it the screen wins (<see cref="PeerStateReader"/>).
    /// </summary>
    public TimeSpan HookGrace { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Where warnings go that the caller need not see (an ignored presence file): the server's log.</summary>
    public Action<string>? Warn { get; init; }

    /// <summary>The loop brake: messages one role may send another in any 60 s (<c>SESSION_BRIDGE_MAX_PER_MINUTE</c>).</summary>
    public int MaxPerMinute { get; init; } = Limits.DefaultMaxPerMinute;

    public TimeSpan StateLockTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan PaneLockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan TmuxTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How messages name what the reader can do: the tools' words unless a front end gives its own.</summary>
    public Wording Words { get; init; } = Wording.Tools;

    /// <summary>The door to one tmux server (null: the caller's own).</summary>
    public TmuxClient Tmux(string? socket) => new(socket, TmuxTimeout);

    /// <summary>The store shared across machines this program links in (NATS); null in the programs without its client.</summary>
    public IRemoteStore? Remote { get; init; }

    /// <summary>Where settings read later come from (the shared store's: <see cref="StateStore.Open"/>).</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    public static BridgeOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var options = new BridgeOptions
        {
            State = StateDirectory.FromEnvironment(getVariable),
            GetVariable = getVariable,
            CallerPane = NullIfBlank(getVariable("TMUX_PANE")),
            CallerSocket = TmuxSocket.FromTmuxVariable(getVariable("TMUX")),
        };

        var settle = getVariable("SESSION_BRIDGE_SETTLE_MS");
        if (int.TryParse(settle, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= 10_000)
            options = options with { SettleDelay = TimeSpan.FromMilliseconds(ms) };

        var perMinute = getVariable("SESSION_BRIDGE_MAX_PER_MINUTE");
        if (
            int.TryParse(perMinute, NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            && max is >= 1 and <= Limits.MaxPerMinuteBound
        )
        {
            options = options with { MaxPerMinute = max };
        }

        return options;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
