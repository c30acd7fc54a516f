namespace SessionBridge.Held;

/// <summary>What a hook event does with held messages: the context that hands some over, and whether to start <c>deliver-held</c> for the rest.</summary>
internal sealed record HeldHookOutcome(string? Context, bool StartDeliverer)
{
    public static HeldHookOutcome Nothing { get; } = new(null, false);
}
