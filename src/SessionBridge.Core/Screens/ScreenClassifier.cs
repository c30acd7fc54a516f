namespace SessionBridge.Screens;

// Placeholder until the classifier lands.
internal static class ScreenClassifier
{
    public static ScreenReading Classify(string screen) => new(ScreenState.Unknown, null, [], null, "none", []);
}
