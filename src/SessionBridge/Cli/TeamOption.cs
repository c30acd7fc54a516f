using System.CommandLine;
using SessionBridge.State;

namespace SessionBridge.Server.Cli;

/// <summary>
/// <c>--team NAME</c>, on every command: act for that team rather than the folder's (or SESSION_BRIDGE_TEAM's). Read
/// before parsing (<see cref="Find"/>), since the options every command uses are made from it.
/// </summary>
internal static class TeamOption
{
    public const string Name = "--team";

    public static Option<string?> Create() =>
        new(Name)
        {
            Description = $"The team to act for (default: {TeamName.Variable}, else this folder's team, else \"{TeamName.Default}\").",
            HelpName = "NAME",
            Recursive = true,
        };

    /// <summary>
    /// The team <c>up</c> and <c>down</c> act for, given the team file's (or the default roster's) definition:
    /// <c>--team</c> or <c>SESSION_BRIDGE_TEAM</c>, else the team <c>up</c> recorded for the team's folder (an earlier
    /// <c>up --team</c>), else the file's name (or the folder's).
    /// </summary>
    /// <exception cref="BridgeException">The name is not a valid team name.</exception>
    public static string Choose(CliContext context, Team.TeamDefinition team)
    {
        var options = context.Options;
        var given = context.Team ?? Bridge.BridgeSettings.Read(options.GetVariable).Team;
        var name = string.IsNullOrWhiteSpace(given) ? TeamResolver.RecordedFor(options.State.Root, team.Folder) ?? team.Name : given.Trim();
        if (!TeamName.IsValid(name))
            throw new BridgeException($"The team name \"{name}\" is not valid: it must be {TeamName.Rule}. Give another with --team NAME.");
        return name;
    }

    /// <summary>The value of <c>--team NAME</c> or <c>--team=NAME</c> before any <c>--</c>, or null.</summary>
    public static string? Find(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count && args[i] != "--"; i++)
        {
            if (args[i] == Name && i + 1 < args.Count)
                return args[i + 1];
            if (args[i].StartsWith(Name + "=", StringComparison.Ordinal))
                return args[i][(Name.Length + 1)..];
        }

        return null;
    }
}
