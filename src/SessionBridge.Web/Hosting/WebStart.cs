namespace SessionBridge.Web.Hosting;

/// <summary>The first line on stdout with --json: where the board is and its token.</summary>
internal sealed record WebStart(string Url, string Token, int Port);
