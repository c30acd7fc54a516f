namespace SessionBridge.Server.Cli.Board;

/// <summary>The board's defaults and bounds, in one place: how often it looks, how much it shows, how long a notify command may run.</summary>
internal static class BoardLimits
{
    /// <summary>
    /// How often the live board reads the panes when no state file changed: screens are not files, so a menu
    /// that appears is seen within this. One capture per pane per refresh, never many a second.
    /// </summary>
    public static readonly TimeSpan ScreenRefresh = TimeSpan.FromSeconds(2);

    /// <summary>A burst of file events (a send writes the thread, a mailbox and a lock) becomes one redraw.</summary>
    public static readonly TimeSpan ChangeDebounce = TimeSpan.FromMilliseconds(150);

    /// <summary>A notify command that runs longer is killed (with its children) and logged; the board goes on.</summary>
    public static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Alerts waiting for the notify command; beyond this the oldest are dropped (and logged).</summary>
    public const int NotifyQueue = 32;

    /// <summary>--held-after: a held message older than this, in seconds, alerts.</summary>
    public const int DefaultHeldAfterSeconds = 60;

    public const int MinHeldAfterSeconds = 0;

    public const int MaxHeldAfterSeconds = 86_400;

    /// <summary>The conversation lines under the rows of a snapshot (--once); the live board fits as many as the pane holds.</summary>
    public const int RecentMessages = 10;

    /// <summary>
    /// How far back the thread is read for each role's last message and the recent lines: a role silent for
    /// longer shows no last message. Bounded so a refresh never reads a whole long log.
    /// </summary>
    public const int MessageWindow = 200;

    /// <summary>Characters of a last answer kept on the board: the start, not the whole of it.</summary>
    public const int AnswerPreview = 200;

    /// <summary>Notices (notify failures) the live board keeps at its foot.</summary>
    public const int Notices = 3;
}
