namespace SessionBridge.Screens;

/// <summary>What a peer's screen says it is doing; see <see cref="ScreenClassifier"/>.</summary>
internal enum ScreenState
{
    /// <summary>Not a Claude Code screen we recognise (a shell, another program, an empty pane).</summary>
    Unknown,

    /// <summary>Working: a spinner above the input box or "esc to interrupt" in the footer.</summary>
    Busy,

    /// <summary>A menu or permission prompt is waiting for a choice.</summary>
    WaitingSelect,

    /// <summary>Idle, and the last thing on screen is a question to answer in prose.</summary>
    WaitingText,

    /// <summary>Idle at an empty (or drafted) input box.</summary>
    Idle,
}
