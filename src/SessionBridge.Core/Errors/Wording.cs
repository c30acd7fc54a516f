using System.Text.RegularExpressions;

namespace SessionBridge.Errors;

/// <summary>
/// The words a message uses for the things its reader can do. Messages are written once, in the library,
/// with placeholders: <c>{arg:pane}</c> for an argument, <c>{flag:force}</c> for a switch, and
/// <c>{cmd:register dev}</c> for an action (a tool name and its arguments). The tools word them for a model
/// (<c>'pane'</c>, <c>force:true</c>, <c>register("dev")</c>); the command line for a person (<c>--pane</c>,
/// <c>--force</c>, <c>session-bridge register dev</c>).
/// </summary>
internal abstract partial class Wording
{
    /// <summary>How the MCP tools word things: tool names and their arguments.</summary>
    public static Wording Tools { get; } = new ToolWording();

    public string Render(string template)
    {
        var text = Replace(template);
        // "{arg:to} is empty" reads "The recipient is empty" on the command line: a sentence starts upper case.
        return template.StartsWith("{arg:", StringComparison.Ordinal) && text.Length > 0 && char.IsLower(text[0])
            ? char.ToUpperInvariant(text[0]) + text[1..]
            : text;
    }

    private string Replace(string template) =>
        Placeholder().Replace(
            template,
            match =>
            {
                var value = match.Groups["value"].Value;
                return match.Groups["kind"].Value switch
                {
                    "arg" => Argument(value),
                    "flag" => Flag(value),
                    _ => Action(value.Split(' ', 2)[0], value.Split(' ', 2) is [_, var rest] ? rest : null),
                };
            }
        );

    /// <summary>A tool argument, by its tool name (<c>pane</c>, <c>reply_to</c>).</summary>
    protected abstract string Argument(string name);

    /// <summary>A switch that is off unless given (<c>force</c>).</summary>
    protected abstract string Flag(string name);

    /// <summary>An action, by its tool name (<c>list_peers</c>, <c>register</c>), with its one argument if any.</summary>
    protected abstract string Action(string tool, string? argument);

    [GeneratedRegex(@"\{(?<kind>arg|flag|cmd):(?<value>[a-z_]+(?: [a-z0-9_%-]+)?)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    private sealed class ToolWording : Wording
    {
        protected override string Argument(string name) => $"'{name}'";

        protected override string Flag(string name) => $"{name}:true";

        protected override string Action(string tool, string? argument) =>
            (tool, argument) switch
            {
                ("register", { } role) => $"register(\"{role}\")",
                ("inbox", { } role) => $"inbox(role: \"{role}\")",
                ("get_prompt", { } role) => $"get_prompt(role: \"{role}\")",
                ("send", _) => "the send tool",
                _ => tool,
            };
    }
}
