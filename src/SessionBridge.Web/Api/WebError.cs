namespace SessionBridge.Web.Api;

/// <summary>Why a call did nothing: <c>Code</c> is the library's error code (invalid_argument, not_registered, …) or the board's own.</summary>
internal sealed record WebError(string Error, string Code);
