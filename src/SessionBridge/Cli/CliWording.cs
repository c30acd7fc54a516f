using SessionBridge.Errors;

namespace SessionBridge.Server.Cli;

/// <summary>How the command line words the library's messages for a person: its commands and options, not tool calls.</summary>
internal sealed class CliWording : Wording
{
    public static CliWording Instance { get; } = new();

    protected override string Argument(string name) =>
        name switch
        {
            "to" => "the recipient",
            "role" or "roles" => "the role",
            "text" => "the text",
            "prompt" => "the prompt",
            "thread" => "the message id",
            _ => "--" + name.Replace('_', '-'),
        };

    protected override string Flag(string name) => "--" + name.Replace('_', '-');

    protected override string Action(string tool, string? argument) =>
        tool switch
        {
            "register" => $"`session-bridge register {argument}` (in its pane)",
            "list_peers" => "`session-bridge peers`",
            "inbox" => $"`session-bridge inbox {argument}`",
            "history" => "`session-bridge history`",
            "send" => "`session-bridge send`",
            "get_prompt" => $"`session-bridge prompt get {argument}`",
            "delete_prompt" => "`session-bridge prompt delete`",
            // No command presses keys or reads a menu: a person does that in the pane itself.
            "respond" => "the keys in that pane",
            "detect_question" => "the pane itself",
            _ => "`session-bridge " + tool.Replace('_', ' ') + "`",
        };
}
