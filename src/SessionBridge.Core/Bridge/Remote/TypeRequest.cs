namespace SessionBridge.Bridge.Remote;

/// <summary>Type <paramref name="Text"/> (already tagged by the sender's host) into <paramref name="Role"/>'s pane.</summary>
internal sealed record TypeRequest(string Role, string Text, bool Submit, bool Force);
