using System.Security.Cryptography;
using System.Text;

namespace SessionBridge.Team;

/// <summary>
/// What a role's session was started with, kept on its pane (a tmux pane option, so it lives and dies with the
/// session): a short hash per setting of the team file. A later <c>up</c> that keeps the live session compares, and
/// says which settings changed and were not applied.
/// </summary>
internal static class LaunchSettings
{
    public const string Option = "@session-bridge-settings";

    public static string Of(TeamDefinition team, RoleDefinition role, IReadOnlyList<string> program) =>
        string.Join(";", Fields(team, role, program).Select(f => $"{f.Name}:{Hash(f.Value)}"));

    /// <summary>The settings whose hash differs; none when nothing was kept on the pane (started by an earlier version).</summary>
    public static IReadOnlyList<string> Changed(string? kept, string now)
    {
        if (string.IsNullOrWhiteSpace(kept))
            return [];
        var was = Parse(kept);
        return [.. Parse(now).Where(f => was.TryGetValue(f.Key, out var hash) && hash != f.Value).Select(f => f.Key)];
    }

    /// <summary>The detail of a kept role whose settings changed: what, and how to apply it.</summary>
    public static string NotApplied(string role, IReadOnlyList<string> changed) =>
        $"its settings in the team file changed since it started ({string.Join(", ", changed)}): not applied to the "
            + $"running session. To apply them: session-bridge down {role}, then session-bridge up";

    private static IEnumerable<(string Name, string Value)> Fields(TeamDefinition team, RoleDefinition role, IReadOnlyList<string> program)
    {
        yield return ("command", string.Join('\0', program));
        yield return ("cwd", role.Cwd);
        yield return ("model", role.Model ?? "");
        yield return ("permissionMode", role.PermissionMode ?? "");
        yield return ("agent", role.Agent ?? "");
        yield return ("worktree", role.Worktree ? "true" : "false");
        yield return ("args", string.Join('\0', role.Args));
        yield return ("env", string.Join('\0', team.Env.Concat(role.Env).Select(kv => $"{kv.Key}={kv.Value}")));
        yield return ("briefing", role.Briefing ?? "");
    }

    private static Dictionary<string, string> Parse(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split(':', 2)).Where(f => f.Length == 2)
            .GroupBy(f => f[0]).ToDictionary(g => g.Key, g => g.First()[1]);

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..12];
}
