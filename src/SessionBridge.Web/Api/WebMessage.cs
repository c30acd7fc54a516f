namespace SessionBridge.Web.Api;

/// <summary>POST /api/send's body: a message typed into <c>To</c>'s prompt, sent as <c>person</c>; <c>Team</c> where the board shows several.</summary>
internal sealed record WebMessage(string? To, string? Text, string? Team = null);
