namespace SessionBridge.Screens;

// Placeholder until the classifier lands.
internal enum ScreenState { Unknown, Busy, WaitingSelect, WaitingText, Idle }
