namespace SessionBridge.Bridge;

/// <summary>
/// The waits and timeouts that are policy, beside <see cref="Limits"/>' counts (which keeps the loop brake's window with its count): how long to settle, to wait on a
/// lock, to trust a hook over the screen. What real tmux and Claude Code need, measured; the specs shorten some of
/// them through <see cref="BridgeOptions"/>, never by changing these.
/// </summary>
internal static class Timings
{
    /// <summary>
    /// The wait between the paste and Enter: Claude Code finishes taking a paste after ~100 ms, and an Enter that
    /// arrives sooner is eaten as part of it. <c>SESSION_BRIDGE_SETTLE_MS</c> overrides, up to <see cref="MaxSettleMilliseconds"/>.
    /// </summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(250);

    public const int MaxSettleMilliseconds = 10_000;

    /// <summary>The wait after Enter before the screen is read to tell submitted from queued or typed.</summary>
    public static readonly TimeSpan VerifyDelay = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// How long after Enter a text still in the input box may yet be taken before Enter counts as lost. A loaded
    /// machine can take seconds over an Enter; an answer waits only while the text is still there.
    /// </summary>
    public static readonly TimeSpan SubmitPatience = TimeSpan.FromSeconds(5);

    /// <summary>Escape followed at once by another key reaches the program as Alt-key: pause after it.</summary>
    public static readonly TimeSpan EscapePause = TimeSpan.FromMilliseconds(120);

    /// <summary>A short gap between the keys of one respond call, so a menu redraws between them.</summary>
    public static readonly TimeSpan KeyInterval = TimeSpan.FromMilliseconds(40);

    /// <summary>How often wait_for looks at a screen or an inbox when no file it watches has changed.</summary>
    public static readonly TimeSpan WaitFallbackInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long a hook's word stands against a screen that disagrees: the screen lags a hook by a redraw.</summary>
    public static readonly TimeSpan HookGrace = TimeSpan.FromSeconds(1.5);

    /// <summary>How long a server waits for a state file's lock before it fails naming the file.</summary>
    public static readonly TimeSpan StateLockTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a send waits for its turn at a pane (another send typing into it) before it fails.</summary>
    public static readonly TimeSpan PaneLockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long one tmux command may take before it counts as hung.</summary>
    public static readonly TimeSpan TmuxTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the hook waits for a state file's lock. Short: Claude Code waits on the hook, and a hook that gives
    /// up only costs a hint (presence) or leaves a held message for the next one.
    /// </summary>
    public static readonly TimeSpan HookLockWait = TimeSpan.FromSeconds(2);

    /// <summary>The hook's wait for the lock of its own pane's presence file: contended only by its own pane's hooks.</summary>
    public static readonly TimeSpan HookPresenceLockWait = TimeSpan.FromMilliseconds(500);
}
