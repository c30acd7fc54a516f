namespace SessionBridge.State;

/// <summary>mailbox/&lt;role&gt;.read.json: the newest message the role has marked read; later ones are unread.</summary>
internal sealed record InboxCursor(string? LastReadId);
