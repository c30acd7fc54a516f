namespace SessionBridge.Diagnostics;

internal enum CheckOutcome
{
    Ok,
    Warning,
    Failed,
}
