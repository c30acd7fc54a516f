namespace SessionBridge.Errors;

/// <summary>
/// A <c>SESSION_BRIDGE_…</c> variable whose value is not allowed. One policy for every setting: refused, never
/// ignored, clamped or guessed at, with a message naming the variable, the value and what is allowed.
/// </summary>
internal sealed class SettingException(string variable, string value, string allowed)
    : SessionBridgeException(ErrorCode.InvalidArgument, $"{variable} is \"{value}\": it must be {allowed}. Fix it or unset it.", null)
{
    public string Variable { get; } = variable;

    public string Value { get; } = value;
}
