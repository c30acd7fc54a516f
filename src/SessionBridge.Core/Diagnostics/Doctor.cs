using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBridge.Bridge;
using SessionBridge.Startup;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Diagnostics;

/// <summary>
/// Checks a setup the way a person would, one finding at a time, each with a fix: tmux, this pane, the
/// state directory and its files, the registrations, and whether Claude Code has the server and the hook.
/// </summary>
internal sealed class Doctor(Roster roster, BridgeOptions options, string home, string workingDirectory)
{
    private readonly StateStore _state = new(options.State, options.StateLockTimeout);

    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(CancellationToken cancellationToken = default)
    {
        var checks = new List<DoctorCheck>
        {
            await TmuxAsync(cancellationToken),
            InsideTmux(),
            StateDirectoryModes(),
            Readable("registry.json", () => _state.Registry.All()),
            Readable("prompts.json", () => _state.Prompts.All()),
        };
        checks.AddRange(await RegistrationsAsync(cancellationToken));
        checks.Add(ServerRegisteredWithClaude());
        checks.Add(HookWired());
        if (HookDryRun() is { } dryRun)
            checks.Add(dryRun);
        return checks;
    }

    private async Task<DoctorCheck> TmuxAsync(CancellationToken cancellationToken)
    {
        try
        {
            var version = await new TmuxClient(null, options.TmuxTimeout).VersionAsync(cancellationToken);
            return new DoctorCheck("tmux", CheckOutcome.Ok, version);
        }
        catch (TmuxException e)
        {
            return new DoctorCheck("tmux", CheckOutcome.Failed, e.Message, "Install tmux (apt-get install tmux, brew install tmux).");
        }
    }

    private DoctorCheck InsideTmux() =>
        options.CallerPane is { } pane
            ? new DoctorCheck("this pane", CheckOutcome.Ok, $"pane {pane} on {options.CallerSocket ?? "the default server"}")
            : new DoctorCheck(
                "this pane",
                CheckOutcome.Warning,
                "not inside tmux ($TMUX_PANE is not set)",
                "Run Claude Code sessions inside tmux panes; register needs the pane."
            );

    private DoctorCheck StateDirectoryModes()
    {
        var root = options.State.Root;
        if (!Directory.Exists(root))
            return new DoctorCheck("state directory", CheckOutcome.Ok, $"{root} (not created yet: the first register or set_prompt creates it)");

        var loose = new List<string>();
        if (File.GetUnixFileMode(root) != PrivateDirectory)
            loose.Add(root);
        loose.AddRange(
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => (File.GetUnixFileMode(f) & ~PrivateFile) != 0)
        );
        return loose.Count == 0
            ? new DoctorCheck("state directory", CheckOutcome.Ok, $"{root} (0700, files 0600)")
            : new DoctorCheck(
                "state directory",
                CheckOutcome.Warning,
                $"readable by others: {string.Join(", ", loose.Take(5))}",
                $"chmod -R go-rwx {root} (anyone who can write it can steer your sessions)."
            );
    }

    private static DoctorCheck Readable(string name, Action read)
    {
        try
        {
            read();
            return new DoctorCheck(name, CheckOutcome.Ok, "valid");
        }
        catch (StateException e)
        {
            return new DoctorCheck(name, CheckOutcome.Failed, e.Message, $"Fix the JSON in {e.Path} by hand, or move it aside.");
        }
    }

    private async Task<IEnumerable<DoctorCheck>> RegistrationsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var peers = (await roster.ListPeersAsync(cancellationToken)).Peers;
            if (peers.Count == 0)
                return [new DoctorCheck("registrations", CheckOutcome.Ok, "none yet")];
            return peers.Select(p =>
                p.Alive
                    ? new DoctorCheck($"role {p.Role}", CheckOutcome.Ok, $"pane {p.Pane}, {p.State}")
                    : new DoctorCheck(
                        $"role {p.Role}",
                        p.Status is PaneStatus.Stale or PaneStatus.Gone ? CheckOutcome.Failed : CheckOutcome.Warning,
                        $"pane {p.Pane}: {p.Status}",
                        p.Problem
                    ));
        }
        catch (StateException)
        {
            return []; // already reported by the registry.json check
        }
    }

    private DoctorCheck ServerRegisteredWithClaude()
    {
        var userConfig = Path.Combine(home, ".claude.json");
        var projectConfig = Path.Combine(workingDirectory, ".mcp.json");
        var found = new List<string>();
        if (ReadJson(userConfig) is JsonObject user)
        {
            if (user["mcpServers"]?["session-bridge"] is not null)
                found.Add("user scope (~/.claude.json)");
            if (user["projects"]?[workingDirectory]?["mcpServers"]?["session-bridge"] is not null)
                found.Add("local scope for this directory");
        }

        if (ReadJson(projectConfig)?["mcpServers"]?["session-bridge"] is not null)
            found.Add("this project's .mcp.json");

        return found.Count > 0
            ? new DoctorCheck("Claude Code server", CheckOutcome.Ok, "registered in " + string.Join(" and ", found))
            : new DoctorCheck(
                "Claude Code server",
                CheckOutcome.Warning,
                "session-bridge is not registered with Claude Code (user scope or this project's .mcp.json)",
                "Run ./install.sh, or: claude mcp add session-bridge -s user -- <path to session-bridge>"
            );
    }

    private DoctorCheck HookWired()
    {
        var settings = Path.Combine(home, ".claude", "settings.json");
        var command = (ReadJson(settings)?["hooks"]?["SessionStart"] as JsonArray)?
            .SelectMany(entry => entry?["hooks"] as JsonArray ?? [])
            .Select(hook => hook?["command"]?.GetValue<string>())
            .FirstOrDefault(c => c is not null && c.Contains("session-bridge-hook", StringComparison.Ordinal));
        if (command is null)
        {
            return new DoctorCheck(
                "SessionStart hook",
                CheckOutcome.Warning,
                $"not wired in {settings}: roles forget their briefing after /clear",
                "Run session-bridge install (or ./install.sh)."
            );
        }

        var path = command.Split(' ')[0];
        return File.Exists(path)
            ? new DoctorCheck("SessionStart hook", CheckOutcome.Ok, command)
            : new DoctorCheck("SessionStart hook", CheckOutcome.Failed, $"{settings} runs {path}, which does not exist", "Run ./install.sh again.");
    }

    // What the hook would hand Claude Code in this pane after /clear, computed by the same code the hook runs.
    private DoctorCheck? HookDryRun()
    {
        if (options.CallerPane is not { } pane)
            return null;
        const string name = "hook in this pane";
        try
        {
            var context = SessionStartContext.Build(_state, pane, options.CallerSocket, "clear");
            if (context is not null)
                return new DoctorCheck(name, CheckOutcome.Ok, $"after /clear it restores {context.Length:N0} characters: {context.Split('\n')[0]}");
            var role = _state.Registry.FindByPane(pane, options.CallerSocket);
            return role is null
                ? new DoctorCheck(name, CheckOutcome.Warning, $"pane {pane} is not registered: nothing to restore after /clear", "Call register from the Claude Code session in this pane.")
                : new DoctorCheck(name, CheckOutcome.Warning, $"{role.Role} has no saved prompt: nothing to restore after /clear", $"session-bridge prompt set {role.Role} \"…\" (or the set_prompt tool).");
        }
        catch (StateException e)
        {
            return new DoctorCheck(name, CheckOutcome.Failed, e.Message, "Fix or move the file it names; the hook stays silent until then.");
        }
    }

    private static JsonNode? ReadJson(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
