using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SessionBridge.Setup;

namespace SessionBridge.Team;

/// <summary>
/// Reads one team file into a <see cref="TeamDefinition"/>. It walks the file as <see cref="JsonSpan"/>s, which
/// keep where every key and value sits, so each error can name the line and column a person has to fix.
/// </summary>
internal sealed partial class TeamFileReader(string path)
{
    // Arguments up sets itself, for the session id it records and the name it reads back from the screen.
    private static readonly string[] ReservedArgs = ["--session-id", "--resume", "-r", "--continue", "-c", "--name", "-n"];

    private TeamFileJson _json = null!;

    private string Folder => Path.GetDirectoryName(path)!;

    public TeamDefinition Read()
    {
        var text = ReadText();
        _json = new TeamFileJson(path, text);
        JsonSpan root;
        try
        {
            root = JsonSpanReader.Read(text);
        }
        catch (JsonException e)
        {
            var at = JsonProblem.Locate(e);
            throw _json.Fail(at?.Line, at?.Column, null, text.Trim().Length == 0 ? "the file is empty: it needs at least { \"roles\": { … } }" : JsonProblem.Reason(e));
        }

        if (root.Kind != JsonValueKind.Object)
            throw _json.Fail(root.Start, null, $"the file must hold one object {{ … }}, not {TeamFileJson.KindOf(root)}");
        _json.CheckMembers(root, "", TeamFile.TeamKeys, "the file");

        var name = root["name"] is { } nameSpan ? SessionName(nameSpan) : TeamFile.SessionName(Folder);
        var layout = root["layout"] is { } layoutSpan ? Layout(layoutSpan) : TeamLayout.Windows;
        var command = root["command"] is { } commandSpan ? _json.NonEmptyText(commandSpan, "command") : TeamFile.DefaultCommand;
        var env = root["env"] is { } envSpan ? Environment(envSpan, "env") : new Dictionary<string, string>();
        var roles = Roles(root);
        return new TeamDefinition(name, layout, command, env, roles, Folder, path);
    }

    private string ReadText()
    {
        try
        {
            return File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TeamFileException($"{path} does not exist.", path, null, null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TeamFileException($"Cannot read {path}: {e.Message}", path, null, null, null);
        }
        catch (DecoderFallbackException)
        {
            throw new TeamFileException($"{path} is not UTF-8 text: save it as UTF-8.", path, null, null, null);
        }
    }

    private List<RoleDefinition> Roles(JsonSpan root)
    {
        var rolesSpan = root["roles"] ?? throw _json.Fail(root.Start, "roles", "missing: a team needs at least one role, e.g. \"roles\": { \"dev\": {} }");
        if (rolesSpan.Kind != JsonValueKind.Object)
            throw _json.WrongKind(rolesSpan, "roles", "an object of roles, e.g. { \"dev\": {} }");
        if (rolesSpan.Members.Count == 0)
            throw _json.Fail(rolesSpan.Start, "roles", "no roles: a team needs at least one, e.g. \"roles\": { \"dev\": {} }");
        _json.CheckDuplicates(rolesSpan, "roles");

        var roles = new List<RoleDefinition>();
        var supervised = new List<(string Field, JsonSpan Item)>();
        foreach (var member in rolesSpan.Members)
        {
            var field = $"roles.{member.Name}";
            if (!RoleName.IsValid(member.Name))
            {
                throw _json.Fail(member.Start, field,
                    $"\"{member.Name}\" is not a valid role name: use 1-32 characters of a-z, 0-9, '-' and '_', starting with a letter or digit (for example \"dev\" or \"code-reviewer\")");
            }

            if (member.Name == RoleName.Person)
                throw _json.Fail(member.Start, field, $"\"{RoleName.Person}\" is reserved for the person at the keyboard: give this role another name");

            roles.Add(Role(RoleName.Parse(member.Name), member.Value, field, supervised));
        }

        foreach (var (field, item) in supervised)
        {
            var name = item.String!;
            if (roles.All(r => r.Role.Value != name))
                throw _json.Fail(item.Start, field, $"\"{name}\" is no role of this team: it has {string.Join(", ", roles.Select(r => r.Role.Value))}");
            // A role has one supervisor: the person, or the role that lists it, not both.
            if (roles.Single(r => r.Role.Value == name).SupervisedByPerson)
            {
                throw _json.Fail(item.Start, field,
                    $"\"{name}\" already has \"supervisor\": \"{RoleName.Person}\", and a role has one supervisor: take it out of this list or drop its \"supervisor\"");
            }
        }

        return roles;
    }

    private RoleDefinition Role(RoleName role, JsonSpan span, string field, List<(string Field, JsonSpan Item)> supervised)
    {
        if (span.Kind != JsonValueKind.Object)
            throw _json.WrongKind(span, field, "an object such as { \"briefing\": \"…\" } ({} for all the defaults)");
        _json.CheckMembers(span, field + ".", TeamFile.RoleKeys, "a role");

        var supervises = new List<RoleName>();
        if (span["supervises"] is { } supervisesSpan)
        {
            foreach (var item in _json.TextList(supervisesSpan, field + ".supervises"))
            {
                var name = item.String!;
                if (name == role.Value)
                    throw _json.Fail(item.Start, field + ".supervises", $"a role cannot supervise itself (\"{name}\")");
                supervised.Add((field + ".supervises", item));
                supervises.Add(RoleName.IsValid(name) ? RoleName.Parse(name) : throw _json.Fail(item.Start, field + ".supervises", $"\"{name}\" is no role of this team"));
            }
        }

        var args = span["args"] is { } argsSpan ? _json.TextList(argsSpan, field + ".args") : [];
        foreach (var arg in args)
        {
            var flag = arg.String!.Split('=', 2)[0];
            if (ReservedArgs.Contains(flag))
                throw _json.Fail(arg.Start, field + ".args", $"{flag} is set by session-bridge up itself (it records each role's session and resumes it): leave it out");
        }

        return new RoleDefinition(
            role,
            span["briefing"] is { } briefing ? Briefing(briefing, field + ".briefing") : null,
            OptionalText(span, "agent", field),
            span["worktree"] is { } worktree ? _json.Flag(worktree, field + ".worktree") : false,
            span["cwd"] is { } cwd ? WorkingFolder(cwd, field + ".cwd") : Folder,
            span["permissionMode"] is { } mode ? PermissionMode(mode, field + ".permissionMode") : null,
            OptionalText(span, "model", field),
            args.Select(a => a.String!).ToList(),
            span["env"] is { } env ? Environment(env, field + ".env") : new Dictionary<string, string>(),
            OptionalText(span, "command", field),
            supervises,
            span["supervisor"] is { } supervisor && Supervisor(supervisor, field + ".supervisor")
        );
    }

    private string? Briefing(JsonSpan span, string field)
    {
        var text = _json.Text(span, field, "a text, or \"@path\" to a Markdown file beside the team file");
        if (!text.StartsWith('@'))
            return text.Length == 0 ? null : text;

        var relative = text[1..].Trim();
        if (relative.Length == 0)
            throw _json.Fail(span.Start, field, "\"@\" must be followed by a file's path, e.g. \"@briefings/dev.md\"");
        var file = Path.GetFullPath(Path.Combine(Folder, relative));
        try
        {
            var read = File.ReadAllText(file);
            return read.Length == 0 ? null : read;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw _json.Fail(span.Start, field, $"the briefing file \"{relative}\" does not exist (looked for {file})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw _json.Fail(span.Start, field, $"cannot read the briefing file {file}: {e.Message}");
        }
    }

    private string WorkingFolder(JsonSpan span, string field)
    {
        var text = _json.NonEmptyText(span, field);
        var folder = Path.GetFullPath(Path.Combine(Folder, text));
        return Directory.Exists(folder)
            ? folder
            : throw _json.Fail(span.Start, field, $"the folder \"{text}\" does not exist (looked for {folder}); a relative cwd starts from the team file's folder");
    }

    private string PermissionMode(JsonSpan span, string field)
    {
        var mode = _json.NonEmptyText(span, field);
        return TeamFile.PermissionModes.Contains(mode)
            ? mode
            : throw _json.Fail(span.Start, field, $"\"{mode}\" is not a permission mode of Claude Code: use one of {string.Join(", ", TeamFile.PermissionModes)}");
    }

    private string SessionName(JsonSpan span)
    {
        var name = _json.NonEmptyText(span, "name");
        return TeamFile.IsValidSessionName(name)
            ? name
            : throw _json.Fail(span.Start, "name", $"\"{name}\" cannot name the tmux session: use 1-64 letters, digits, '-' and '_' (e.g. \"{TeamFile.SessionName(name)}\")");
    }

    private TeamLayout Layout(JsonSpan span) =>
        span.String switch
        {
            "windows" => TeamLayout.Windows,
            "tiled" => TeamLayout.Tiled,
            _ => throw _json.Fail(span.Start, "layout",
                $"{TeamFileJson.Shown(span)} is not a layout: use \"windows\" (one full-size window per role, the default) or \"tiled\" (every role in one window)"),
        };

    private Dictionary<string, string> Environment(JsonSpan span, string field)
    {
        if (span.Kind != JsonValueKind.Object)
            throw _json.WrongKind(span, field, "an object of texts, e.g. { \"KEY\": \"value\" }");
        _json.CheckDuplicates(span, field);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in span.Members)
        {
            if (!EnvironmentName().IsMatch(member.Name))
                throw _json.Fail(member.Start, $"{field}.{member.Name}", "is not an environment variable's name: use letters, digits and '_', not starting with a digit");
            env[member.Name] = member.Value.Kind == JsonValueKind.String
                ? member.Value.String!
                : throw _json.WrongKind(member.Value, $"{field}.{member.Name}", "a text (write numbers and true/false in quotes)");
        }

        return env;
    }

    /// <summary><c>"supervisor": "person"</c>; a role of the team says it the other way round, with its own <c>supervises</c>.</summary>
    private bool Supervisor(JsonSpan span, string field)
    {
        var name = _json.NonEmptyText(span, field);
        if (name == RoleName.Person)
            return true;
        throw _json.Fail(span.Start, field,
            $"\"{name}\" is not allowed: \"supervisor\" takes only \"{RoleName.Person}\" (the person answers this role's requests, with respond or the board); "
                + $"for a role of the team, list this role in that role's \"supervises\"");
    }

    private string? OptionalText(JsonSpan role, string key, string field) =>
        role[key] is { } span ? _json.NonEmptyText(span, $"{field}.{key}") : null;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentName();
}
