namespace SessionBridge.Bridge;

/// <summary>
/// Every numeric default and bound of the tools and commands, in one place: the tool parameters' defaults and
/// <c>[Range]</c>s (which the model reads in the input schema), the command line's defaults, and the checks
/// in the library all read these. The board's own (<c>watch</c>'s refresh and alerts) are in the command line's
/// Board/BoardLimits, since nothing else uses them.
/// </summary>
internal static class Limits
{
    /// <summary>A message's text, in characters: long material belongs in a file whose path is sent.</summary>
    public const int MaxTextLength = 200_000;

    /// <summary>A saved briefing, in characters.</summary>
    public const int MaxPromptLength = 100_000;

    /// <summary>Lines of scrollback read_peer and detect_question may read.</summary>
    public const int MaxScrollback = 10_000;

    public const int DefaultReadLines = 50;

    public const int DefaultDetectLines = 20;

    /// <summary>Messages one history or inbox call returns.</summary>
    public const int MinMessages = 1;

    public const int MaxMessages = 1_000;

    public const int DefaultMessages = 20;

    /// <summary>How far back a thread is looked for: threads are conversations, not archives.</summary>
    public const int ThreadWindow = 10_000;

    /// <summary>Keys one respond call may press.</summary>
    public const int MaxKeys = 50;

    public const int MinWaitSeconds = 1;

    public const int MaxWaitSeconds = 600;

    public const int DefaultWaitSeconds = 60;

    /// <summary>
    /// The loop brake: messages one role may send another in any <see cref="RateWindow"/>, unless
    /// <c>SESSION_BRIDGE_MAX_PER_MINUTE</c> says otherwise (within 1 to <see cref="MaxPerMinuteBound"/>).
    /// </summary>
    public const int DefaultMaxPerMinute = 20;

    public const int MaxPerMinuteBound = 10_000;

    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(60);

    /// <summary>How long <c>deliver-held</c> waits for a peer's prompt to be free, by default and at most.</summary>
    public const int DefaultDeliverHeldWaitSeconds = 120;

    public const int MaxDeliverHeldWaitSeconds = 3_600;

    /// <summary>Messages <c>session-bridge tail</c> prints before it follows.</summary>
    public const int DefaultTailMessages = 10;
}
