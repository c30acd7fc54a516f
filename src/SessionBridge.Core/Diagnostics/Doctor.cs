using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBridge.Bridge;
using SessionBridge.Processes;
using SessionBridge.Setup;
using SessionBridge.Startup;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Diagnostics;

/// <summary>
/// Checks a setup the way a person would, one finding at a time, each with a fix: tmux, this pane, the
/// state directory and its files, the registrations, and whether Claude Code has the server and the hook.
/// </summary>
internal sealed class Doctor(Roster roster, StateStore state, BridgeOptions options, DoctorEnvironment environment, IRemoteDoctor? remote = null)
{
    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(CancellationToken cancellationToken = default)
    {
        var wiring = ClaudeSettings.ForUser(name => name == "HOME" ? environment.Home : null).Read();
        var checks = new List<DoctorCheck> { await TmuxAsync(cancellationToken), InsideTmux(), StateDirectoryModes() };
        var shared = true;
        checks.Add(CompanionChecks.Nats(options));
        checks.Add(CompanionChecks.WebBoard(AppContext.BaseDirectory));
        if (state.Kind == StateStoreKind.Nats && remote is not null && await remote.RunAsync(options.GetVariable, cancellationToken) is { } natsChecks)
        {
            // The team's registry and prompts are on NATS: what to check is the way there, not files.
            checks.AddRange(natsChecks);
            shared = natsChecks.All(c => c.Outcome != CheckOutcome.Failed);
        }
        else
        {
            checks.Add(await ReadableAsync("registry.json", options.State.RegistryPath, "the first register writes it", () => state.Registry.AllAsync(cancellationToken)));
            checks.Add(await ReadableAsync("prompts.json", options.State.PromptsPath, "the first set_prompt writes it", () => state.Prompts.AllAsync(cancellationToken)));
        }

        // Without the shared state, the registrations and the hook's dry run could only repeat that it is unreachable.
        if (shared)
            checks.AddRange(await RegistrationsAsync(cancellationToken));
        checks.Add(ServerRegisteredWithClaude());
        checks.AddRange(HookWired(wiring));
        if (shared && await HookDryRunAsync(wiring, cancellationToken) is { } dryRun)
            checks.Add(dryRun);
        checks.Add(ToolsAllowed());
        return checks;
    }

    /// <summary>
    /// Whether Claude Code has the server, the hook and the tool permission: what <c>session-bridge up</c> mentions
    /// (a line each, with its fix) without failing, since the team still starts without them.
    /// </summary>
    public IReadOnlyList<DoctorCheck> ClaudeWiring()
    {
        var wiring = ClaudeSettings.ForUser(name => name == "HOME" ? environment.Home : null).Read();
        return [ServerRegisteredWithClaude(), .. HookWired(wiring), ToolsAllowed()];
    }

    // Without the rule, every session's first session-bridge call stops on a permission prompt: not broken, but
    // the first thing a new team trips over.
    private DoctorCheck ToolsAllowed()
    {
        var settings = ClaudeSettings.ForUser(name => name == "HOME" ? environment.Home : null);
        return settings.AllowsOurTools()
            ? new DoctorCheck("tool permission", CheckOutcome.Ok, $"{ClaudeSettings.ToolsRule} is in permissions.allow")
            : new DoctorCheck(
                "tool permission",
                CheckOutcome.Warning,
                $"{ClaudeSettings.ToolsRule} is not in permissions.allow of {settings.Path}: each session's first session-bridge call stops on a permission prompt",
                $"{environment.Program} install --allow-tools"
            );
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

        var loose = new[] { root }
            .Concat(Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
            .Where(FileModes.IsOpenToOthers)
            .ToList();
        return loose.Count == 0
            ? new DoctorCheck("state directory", CheckOutcome.Ok, $"{root} (0700, files 0600)")
            : new DoctorCheck(
                "state directory",
                CheckOutcome.Warning,
                $"readable by others: {string.Join(", ", loose.Take(5))}",
                $"chmod -R go-rwx {root} (anyone who can write it can steer your sessions)."
            );
    }

    // A file that is not there yet is not "valid": say so, and what will write it.
    private static async Task<DoctorCheck> ReadableAsync(string name, string path, string writtenBy, Func<Task> read)
    {
        if (!File.Exists(path))
            return new DoctorCheck(name, CheckOutcome.Ok, $"not there yet ({writtenBy})");
        try
        {
            await read();
            return new DoctorCheck(name, CheckOutcome.Ok, "valid");
        }
        catch (StateException e)
        {
            return new DoctorCheck(name, CheckOutcome.Failed, e.Message, $"Fix the JSON in {e.Origin.Where} by hand, or move it aside.");
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
                    ? new DoctorCheck($"role {p.Role}", CheckOutcome.Ok, $"pane {p.Pane}, {p.State.ToWireName()}")
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
        var userConfig = Path.Combine(environment.Home, ".claude.json");
        var projectConfig = Path.Combine(environment.WorkingDirectory, ".mcp.json");
        var found = new List<string>();
        if (ReadJson(userConfig) is JsonObject user)
        {
            if (user["mcpServers"]?["session-bridge"] is not null)
                found.Add("user scope (~/.claude.json)");
            if (user["projects"]?[environment.WorkingDirectory]?["mcpServers"]?["session-bridge"] is not null)
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
                $"claude mcp add session-bridge -s user -- {environment.Program}"
            );
    }

    private IEnumerable<DoctorCheck> HookWired(HookWiring wiring)
    {
        const string name = "hook";
        var install = environment.HookBesideProgram is not null ? $"{environment.Program} install" : "./install.sh (in your SessionBridge checkout)";
        if (wiring.Problem is { } problem)
        {
            yield return new DoctorCheck(name, CheckOutcome.Failed, $"cannot read {wiring.SettingsPath}: {problem}", $"Fix the file by hand or move it aside, then run {install}.");
            yield break;
        }

        if (wiring.Entries.Count == 0)
        {
            yield return new DoctorCheck(
                name,
                CheckOutcome.Warning,
                $"session-bridge-hook is not wired in {wiring.SettingsPath} on any event: without the SessionStart hook, roles forget their briefing after /clear",
                install
            );
            yield break;
        }

        var gone = wiring.Programs.Where(p => !File.Exists(p)).ToList();
        yield return gone.Count == 0
            ? new DoctorCheck(name, CheckOutcome.Ok, string.Join(", ", wiring.Programs))
            : new DoctorCheck(name, CheckOutcome.Failed, $"{wiring.SettingsPath} runs {string.Join(", ", gone)}, which does not exist", install);

        var missing = wiring.Missing.Select(e => e.Name).ToList();
        var outdated = wiring.Outdated.Select(e => e.Name).ToList();
        if (missing.Count == 0 && outdated.Count == 0)
        {
            yield return new DoctorCheck("hook events", CheckOutcome.Ok, $"all {HookEvents.All.Count}: {string.Join(", ", HookEvents.All.Select(e => e.Name))}");
            yield break;
        }

        if (missing.Count > 0)
        {
            var cost = missing.Contains(HookEvents.SessionStart.Name) ? "; without SessionStart, roles forget their briefing after /clear" : "";
            yield return new DoctorCheck("hook events", CheckOutcome.Warning, $"not wired on {string.Join(", ", missing)}{cost}", install);
        }

        if (outdated.Count > 0)
        {
            yield return new DoctorCheck(
                "hook events",
                CheckOutcome.Warning,
                $"wired by an older install on {string.Join(", ", outdated)} (another matcher or timeout, or twice)",
                install
            );
        }
    }

    // What the hook would hand Claude Code in this pane after /clear, computed by the same code the hook runs.
    private async Task<DoctorCheck?> HookDryRunAsync(HookWiring wiring, CancellationToken cancellationToken)
    {
        if (options.CallerPane is not { } pane || wiring.Entries.All(h => h.Event != HookEvents.SessionStart.Name))
            return null;
        const string name = "hook in this pane";
        try
        {
            var context = await SessionStartContext.BuildAsync(state, pane, options.CallerSocket, "clear", null, cancellationToken);
            if (context is not null)
                return new DoctorCheck(name, CheckOutcome.Ok, $"after /clear it restores {context.Length:N0} characters: {context.Split('\n')[0]}");
            var role = await state.Registry.FindByPaneAsync(pane, options.CallerSocket, null, cancellationToken);
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
