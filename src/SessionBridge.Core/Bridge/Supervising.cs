using SessionBridge.Bridge.Results;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>
/// supervise: who supervises whom. A role has one supervisor at most; a new one replaces the old. A session
/// supervises as its own role (the role registered on its live pane: <see cref="CallerRoles"/>, as send checks <c>from</c>); a person (the command
/// line) or the team file names the supervisor. The supervisor may be <c>person</c>: its roles' requests then wait for
/// respond or the board, and no agent is told.
/// </summary>
internal sealed class Supervising(BridgeOptions options, StateStore state, TimeProvider clock)
{
    /// <summary>The tool: the caller's own role supervises <paramref name="roles"/> (or stops, with <paramref name="stop"/>).</summary>
    public async Task<SuperviseResult> SuperviseAsync(
        IReadOnlyList<string>? roles,
        bool stop,
        string? by,
        IReadOnlyList<string>? notify = null,
        CancellationToken cancellationToken = default
    )
    {
        var targets = Roles(roles);
        var told = Notices(notify);
        var supervisor = await CallerRoleAsync(by, cancellationToken);
        return stop ? await StopAsync(supervisor, targets, cancellationToken) : await StartAsync(supervisor, targets, told, cancellationToken);
    }

    /// <summary>
    /// One call for a person or the team file: <paramref name="supervisor"/> supervises <paramref name="roles"/>,
    /// replacing their earlier supervisors. No caller check: whoever runs it owns the state directory.
    /// </summary>
    public Task<SuperviseResult> SetAsync(
        string supervisor,
        IReadOnlyList<string> roles,
        IReadOnlyList<string>? notify,
        CancellationToken cancellationToken
    ) => StartAsync(RoleName.Parse(supervisor, "by"), Roles(roles), Notices(notify), cancellationToken);

    /// <summary>Ends the supervision of <paramref name="roles"/>, whoever held it (a person's command).</summary>
    public async Task<SuperviseResult> StopAsync(IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var targets = Roles(roles);
        options.State.EnsureCreated();
        var removed = await state.Supervision.StopAsync(targets, null, cancellationToken);
        var by = removed.Select(e => e.Supervisor).Distinct(StringComparer.Ordinal).ToList();
        return new SuperviseResult(
            by.Count == 1 ? by[0] : null,
            removed.Select(e => e.Role).ToList(),
            true,
            new Dictionary<string, string>()
        );
    }

    /// <summary>
    /// Every pending request, oldest first, whole (those past their wait ended first as timeouts): what a board shows
    /// and answers with <see cref="MenuAnswering.AnswerAsPersonAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<PendingRequest>> PendingRequestsAsync(CancellationToken cancellationToken) =>
        [.. (await new Supervision.PermissionRequests(state).PendingAsync(clock.GetUtcNow(), cancellationToken)).Select(PendingRequest.Of)];

    /// <summary>Who supervises <paramref name="role"/>, or null.</summary>
    public async Task<string?> SupervisorOfAsync(string role, CancellationToken cancellationToken) =>
        RoleName.IsValid(role) ? (await state.Supervision.FindAsync(RoleName.Trusted(role), cancellationToken))?.Supervisor : null;

    private async Task<SuperviseResult> StartAsync(
        RoleName supervisor,
        IReadOnlyList<RoleName> roles,
        IReadOnlyList<SupervisionNotice>? notify,
        CancellationToken cancellationToken
    )
    {
        if (roles.Any(r => r == supervisor))
            throw new BridgeException($"{{arg:roles}} names \"{supervisor}\" itself: a role cannot supervise itself.");
        options.State.EnsureCreated();
        var replaced = await state.Supervision.SetAsync(supervisor, roles, clock.GetUtcNow(), notify, cancellationToken);
        return new SuperviseResult(
            supervisor.Value,
            roles.Select(r => r.Value).ToList(),
            false,
            replaced.ToDictionary(e => e.Role, e => e.Supervisor, StringComparer.Ordinal),
            notify ?? SupervisorEntry.DefaultNotify
        );
    }

    private async Task<SuperviseResult> StopAsync(RoleName supervisor, IReadOnlyList<RoleName> roles, CancellationToken cancellationToken)
    {
        options.State.EnsureCreated();
        var removed = await state.Supervision.StopAsync(roles, supervisor, cancellationToken);
        return new SuperviseResult(supervisor.Value, removed.Select(e => e.Role).ToList(), true, new Dictionary<string, string>());
    }

    /// <summary>What to be told: questions, done, ended; null (not given) keeps the default, questions and ended.</summary>
    private static List<SupervisionNotice>? Notices(IReadOnlyList<string>? notify)
    {
        if (notify is null || notify.Count == 0)
            return null;
        var notices = new List<SupervisionNotice>();
        foreach (var name in notify.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!WireNames.TryParse(name, WireNamesJson.Default.SupervisionNotice, out var notice))
                throw new BridgeException($"{{arg:notify}} \"{name}\" is none of questions, done, ended.");
            if (!notices.Contains(notice))
                notices.Add(notice);
        }

        return notices;
    }

    private static List<RoleName> Roles(IReadOnlyList<string>? roles)
    {
        if (roles is null || roles.Count == 0)
            throw new BridgeException("{arg:roles} is empty. Name the roles to supervise, for example [\"dev\", \"reviewer\"].");
        return roles.Select(r => RoleName.Parse(r, "roles")).Distinct().ToList();
    }

    /// <summary>
    /// The caller's own role: the one registered on its pane (<paramref name="by"/> picks among several, and must be
    /// one of them). A caller with no role of its own cannot supervise: its questions would reach nobody.
    /// </summary>
    private async Task<RoleName> CallerRoleAsync(string? by, CancellationToken cancellationToken)
    {
        var named = string.IsNullOrWhiteSpace(by) ? (RoleName?)null : RoleName.Parse(by, "by");
        var mine = await CallerRoles.OfAsync(options, state, null, cancellationToken);
        if (mine.Count == 0)
        {
            throw new BridgeException(
                "This session has no role: {cmd:register} it first (its role becomes the supervisor), or, as a person, "
                    + "use the command line: session-bridge supervise ROLE… --by ROLE."
            );
        }

        if (named is { } wanted)
        {
            if (mine.Contains(wanted.Value))
                return wanted;
            throw new BridgeException(
                $"{{arg:by}} \"{wanted}\" is not a role of this session: pane {options.CallerPane} is registered as "
                    + $"{string.Join(", ", mine.Select(r => $"\"{r}\""))}."
            );
        }

        if (mine.Count > 1)
        {
            throw new BridgeException(
                $"This pane is registered as {string.Join(", ", mine.Select(r => $"\"{r}\""))}: say which supervises with {{arg:by}}."
            );
        }

        return RoleName.Trusted(mine[0]);
    }
}
