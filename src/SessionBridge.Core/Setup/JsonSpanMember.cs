namespace SessionBridge.Setup;

/// <summary>An object's member: its name, where the name starts and ends in the file, and its value.</summary>
internal sealed record JsonSpanMember(string Name, int Start, int NameEnd, JsonSpan Value);
