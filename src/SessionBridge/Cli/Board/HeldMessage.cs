namespace SessionBridge.Server.Cli.Board;

/// <summary>A message that waits for its recipient to be able to take it, and since when.</summary>
internal sealed record HeldMessage(string Id, string To, string From, DateTimeOffset Since);
