namespace SessionBridge.State;

/// <summary>held/&lt;role&gt;.json: the messages waiting for that role to be able to take them, oldest first.</summary>
internal sealed record HeldFile(IReadOnlyList<MessageRecord> Messages);
