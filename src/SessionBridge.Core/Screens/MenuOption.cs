namespace SessionBridge.Screens;

internal sealed record MenuOption(int? Number, string Label, bool Selected);
