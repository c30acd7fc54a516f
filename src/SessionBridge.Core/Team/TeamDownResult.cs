namespace SessionBridge.Team;

/// <summary>What <c>session-bridge down</c> stopped. The roles' state (mailboxes, briefings, held messages, session ids) is kept.</summary>
internal sealed record TeamDownResult(IReadOnlyList<RoleStop> Roles);
