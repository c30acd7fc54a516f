namespace SessionBridge.Setup;

/// <summary>
/// The settings.json entry install writes for one Claude Code hook event: the event, the matcher our entry carries
/// (null: the entry has no matcher, which matches every occurrence), and the timeout in seconds.
/// </summary>
internal sealed record HookSettingsEntry(HookEventName Event, string? Matcher, int TimeoutSeconds)
{
    /// <summary>The event's key under settings.json's <c>hooks</c>.</summary>
    public string Name => Event.ToWireName();
}
