using SessionBridge.State;

namespace SessionBridge.Supervision;

/// <summary>An attempt to end a request: the request as it stands after (null: no such request), and whether this attempt ended it.</summary>
internal sealed record RequestEnd(PermissionRequestRecord? Request, bool Won);
