namespace SessionBridge.Errors;

/// <summary>
/// Every failure the library expects: a caller's mistake, state that cannot be read or written, or tmux that
/// cannot be reached. The text is a <see cref="Wording"/> template, so each front end words it for its own
/// reader: the tools for the model that called them, the command line for a person. <see cref="Exception.Message"/>
/// is the tools' wording. Anything else that escapes the library is a bug.
/// </summary>
internal abstract class SessionBridgeException(ErrorCode code, string template, Exception? inner)
    : Exception(Wording.Tools.Render(template), inner)
{
    public ErrorCode Code { get; } = code;

    /// <summary>The message with its <see cref="Wording"/> placeholders unresolved.</summary>
    public string Template { get; } = template;

    public string MessageFor(Wording words) => words.Render(Template);
}
