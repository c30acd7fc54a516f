namespace SessionBridge.Domain;

/// <summary>
/// What a message becomes in a peer's prompt: its text with a <c>[from:role]</c> tag in front, so the peer's
/// model knows whom to answer; a slash command (<c>/clear</c>) as it is, since Claude Code runs a prompt that
/// starts with <c>/</c> as a command and would take a tagged one as prose.
/// </summary>
internal static class TypedText
{
    public static bool IsSlashCommand(string text) => text.StartsWith('/');

    public static string Tagged(RoleName from, string text) => IsSlashCommand(text) ? text : $"[from:{from}] {text}";
}
