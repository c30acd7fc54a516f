using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace SessionBridge.Server.Cli;

/// <summary>
/// A command line the parser refused, told in the command line's own words: what is missing or wrong (a value
/// that is not a whole number, an argument left out, an option nobody offers), then the command's usage line.
/// The parser's own messages name .NET types (<c>System.Int32</c>) and its internals, which a person cannot act on.
/// </summary>
internal static partial class UsageErrors
{
    /// <summary>The problems, one sentence each, and the usage line of the command they belong to.</summary>
    public static (IReadOnlyList<string> Problems, string Usage, string Help) Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var name = CommandPath(parsed.CommandResult);
        var problems = new List<string>();

        var missing = parsed.Errors
            .Select(e => e.SymbolResult)
            .OfType<ArgumentResult>()
            .Where(a => a.Tokens.Count == 0 && a.Parent is CommandResult)
            .Select(a => a.Argument)
            .Distinct()
            .ToList();
        if (missing.Count > 0)
            problems.Add($"{name} needs {string.Join(" and ", missing.Select(Described))}.");

        foreach (var error in parsed.Errors)
        {
            if (error.SymbolResult is ArgumentResult { Tokens.Count: 0, Parent: CommandResult })
                continue;
            if (OptionOf(error.SymbolResult) is { } option)
            {
                problems.Add(OptionProblem(option, error.SymbolResult!));
                continue;
            }

            if (error.Message.StartsWith("Required command", StringComparison.Ordinal) && parsed.UnmatchedTokens.Count > 0)
                continue;
            if (error.Message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal))
                continue;
            problems.Add(error.Message.StartsWith("Required command", StringComparison.Ordinal)
                ? $"{name} needs a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))}."
                : Plain(error.Message));
        }

        foreach (var token in parsed.UnmatchedTokens)
        {
            problems.Add(
                token.StartsWith('-')
                    ? $"{name} has no option {token}."
                    : command.Subcommands.Count > 0
                        ? $"'{token}' is not a command of {name}: it has {string.Join(", ", command.Subcommands.Select(c => c.Name))}."
                        : command.Arguments.Count > 0
                            ? $"'{token}' is one too many arguments for {name}: put a text of several words in quotes."
                            : $"{name} takes no arguments, so '{token}' is one too many."
            );
        }

        if (problems.Count == 0)
            problems.Add($"{name} was not given as its usage shows.");
        return (problems.Distinct().ToList(), Usage(parsed.CommandResult), $"Run {name} --help for more.");
    }

    /// <summary>"usage: session-bridge send &lt;to&gt; &lt;text&gt; [options]".</summary>
    public static string Usage(CommandResult result)
    {
        var command = result.Command;
        var parts = new List<string> { CommandPath(result) };
        if (command.Subcommands.Count > 0)
            parts.Add("<command>");
        parts.AddRange(command.Arguments.Where(a => !a.Hidden).Select(a => a.Arity.MinimumNumberOfValues > 0 ? $"<{a.Name}>" : $"[<{a.Name}>]"));
        if (command.Options.Any(o => !o.Hidden && o.Name is not ("--help" or "--version")))
            parts.Add("[options]");
        return "usage: " + string.Join(' ', parts);
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is not null; at = at.Parent)
        {
            if (at is CommandResult commandResult)
                names.Insert(0, commandResult.Parent is null ? "session-bridge" : commandResult.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static Option? OptionOf(SymbolResult? result) =>
        result switch
        {
            OptionResult option => option.Option,
            ArgumentResult { Parent: OptionResult option } => option.Option,
            _ => null,
        };

    private static string OptionProblem(Option option, SymbolResult result)
    {
        var given = result.Tokens.Where(t => t.Value != option.Name && !option.Aliases.Contains(t.Value)).Select(t => t.Value).LastOrDefault();
        var kind = KindOf(option.ValueType);
        return given is null
            ? $"{option.Name} needs a value: {kind}."
            : $"{option.Name} takes {kind}, not '{given}'.";
    }

    private static string KindOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long))
            return "a whole number";
        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float))
            return "a number";
        if (type == typeof(bool))
            return "true or false";
        return "a value";
    }

    private static string Described(Argument argument)
    {
        var description = argument.Description?.TrimEnd('.') ?? "";
        return description.Length == 0
            ? $"<{argument.Name}>"
            : $"<{argument.Name}> ({char.ToLowerInvariant(description[0])}{description[1..]})";
    }

    // Whatever else the parser says, without .NET type names.
    private static string Plain(string message) =>
        DotNetType().Replace(message, m => m.Groups["type"].Value switch
        {
            "Int32" or "Int64" => "a whole number",
            "Double" or "Decimal" or "Single" => "a number",
            "Boolean" => "true or false",
            _ => "a value",
        });

    [GeneratedRegex(@"'?System\.(?<type>[A-Za-z0-9_.]+)'?")]
    private static partial Regex DotNetType();
}
