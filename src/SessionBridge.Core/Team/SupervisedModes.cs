namespace SessionBridge.Team;

/// <summary>
/// Supervision sees a role's permission requests only when Claude Code asks for them. Measured on 2.1.331: a session
/// with no permission mode set and no <c>permissions.defaultMode</c> starts in auto mode, where a call runs, or is
/// denied when its safety check flags it, with no dialog and no PermissionRequest hook (AutoModeSpecs);
/// bypassPermissions and dontAsk never ask; acceptEdits does not ask for file edits. <c>up</c> warns when a supervised role runs in such a mode (docs/supervision.md).
/// </summary>
internal static class SupervisedModes
{
    /// <summary>One line per supervised role whose supervisor would never or rarely be asked, with its fix.</summary>
    public static IReadOnlyList<string> Warnings(TeamDefinition team)
    {
        var supervised = team.Roles
            .SelectMany(r => r.Supervises.Select(s => (Role: s, By: r.Role.Value)))
            .Concat(team.Roles.Where(r => r.SupervisedByPerson).Select(r => (Role: r.Role, By: RoleName.Person)))
            .ToLookup(p => p.Role, p => p.By);
        var warnings = new List<string>();
        foreach (var role in team.Roles.Where(r => supervised.Contains(r.Role)))
        {
            var mode = Mode(role);
            var asked = mode switch
            {
                null => "no permission mode is set, so Claude Code's own default applies (auto mode on 2.1.331, unless "
                    + "permissions.defaultMode says otherwise): its calls run, or are denied, without asking anyone",
                "auto" => "auto mode runs its calls, or denies the ones its safety check flags, without asking anyone",
                "bypassPermissions" or "dontAsk" => $"{mode} never asks",
                "acceptEdits" => "acceptEdits does not ask for file edits",
                _ => null,
            };
            if (asked is null)
                continue;
            var by = string.Join(", ", supervised[role.Role]);
            warnings.Add(
                $"{role.Role} is supervised by {by}, but {asked}, so {by} is never or rarely asked. For every "
                    + $"permission to reach {by}, set \"permissionMode\": \"default\" for {role.Role} in the team file."
            );
        }

        return warnings;
    }

    /// <summary>The mode a role's Claude Code starts in, from the team file's permissionMode or its own args; null: not set.</summary>
    public static string? Mode(RoleDefinition role)
    {
        var mode = role.PermissionMode;
        for (var i = 0; i < role.Args.Count; i++)
        {
            var arg = role.Args[i];
            if (arg == "--dangerously-skip-permissions")
                return "bypassPermissions";
            if (arg == "--permission-mode" && i + 1 < role.Args.Count)
                mode = role.Args[i + 1];
            else if (arg.StartsWith("--permission-mode=", StringComparison.Ordinal))
                mode = arg["--permission-mode=".Length..];
        }

        return mode is { Length: > 0 } ? mode : null;
    }
}
