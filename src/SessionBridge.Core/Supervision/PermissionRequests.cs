using System.Text;
using System.Text.Json;
using SessionBridge.Held;
using SessionBridge.State;

namespace SessionBridge.Supervision;

/// <summary>
/// The permission requests of supervised peers and the rules of their lives: opened by the peer's PermissionRequest
/// hook (which tells the supervisor once, through the held delivery: never typed into a busy pane), ended exactly
/// once: by a decision, by the peer's next hook event for that session (answered on screen), by the dialog found
/// gone (an Escape fires no hook), or by a timeout (a request still pending past its wait was left by a killed
/// hook). Every end is logged to the thread: who decided what, when.
/// </summary>
internal sealed class PermissionRequests(StateStore state)
{
    /// <summary>EndedBy for a request answered on the peer's screen.</summary>
    public const string ByScreen = "screen";

    /// <summary>EndedBy for a request nobody decided in time.</summary>
    public const string ByTimeout = "timeout";

    /// <summary>A request that ended this recently makes a respond without request id stale, rather than press keys.</summary>
    public static readonly TimeSpan RecentlyEnded = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The hook's events that show the peer's dialog was answered: the tool ran or failed, the turn ended, or the
    /// person typed a prompt.
    /// </summary>
    public static bool EndsRequests(HookEventName? hookEvent) =>
        hookEvent
            is HookEventName.PostToolUse
                or HookEventName.PostToolUseFailure
                or HookEventName.Stop
                or HookEventName.StopFailure
                or HookEventName.UserPromptSubmit
                or HookEventName.SessionEnd;

    /// <summary>
    /// A supervised role's PermissionRequest: records it and holds the notice for the supervisor. Null when the role
    /// has no supervisor (its hook returns at once, as for everyone else).
    /// </summary>
    public async Task<PermissionRequestRecord?> OpenAsync(
        string id,
        PeerRegistration peer,
        string? sessionId,
        string toolName,
        string? toolInputJson,
        string? suggestionsJson,
        TimeSpan wait,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var role = RoleName.Trusted(peer.Role);
        if (await state.Supervision.FindAsync(role, cancellationToken) is not { } supervision)
            return null;

        var request = new PermissionRequestRecord(
            id,
            peer.Role,
            supervision.Supervisor,
            peer.Pane,
            peer.Socket,
            sessionId,
            toolName,
            Parse(toolInputJson),
            Parse(suggestionsJson),
            now,
            now + wait
        );
        // Supervised by the person: the request waits for respond or the board, and no agent's pane is told.
        if (supervision.Supervisor == RoleName.Person)
        {
            await state.Requests.CreateAsync(request, now, cancellationToken);
            return request;
        }

        var notice = new MessageRecord(
            MessageId.New(),
            now,
            peer.Role,
            supervision.Supervisor,
            Notice(request),
            false,
            false,
            $"{peer.Role} waits on a permission request: held for {supervision.Supervisor}'s hooks or its free prompt.",
            null,
            DeliveryStatus.Held,
            true
        );
        request = request with { NoticeId = notice.Id };
        await state.Requests.CreateAsync(request, now, cancellationToken);
        await new HeldQueue(state).HoldAsync(notice, cancellationToken);
        return request;
    }

    public Task<PermissionRequestRecord?> FindAsync(string id, CancellationToken cancellationToken) => state.Requests.FindAsync(id, cancellationToken);

    /// <summary>The role's pending requests, oldest first, once those past their wait are ended as timeouts.</summary>
    public async Task<IReadOnlyList<PermissionRequestRecord>> PendingForAsync(RoleName role, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await LiveAsync(now, cancellationToken)).Where(r => r.IsPending && r.Role == role.Value).ToList();

    /// <summary>Every pending request, oldest first (what the board shows).</summary>
    public async Task<IReadOnlyList<PermissionRequestRecord>> PendingAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await LiveAsync(now, cancellationToken)).Where(r => r.IsPending).ToList();

    /// <summary>The role's newest request that ended within <see cref="RecentlyEnded"/>, or null.</summary>
    public async Task<PermissionRequestRecord?> RecentlyEndedForAsync(RoleName role, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await LiveAsync(now, cancellationToken))
            .Where(r => r.Role == role.Value && !r.IsPending && r.EndedAt is { } ended && now - ended <= RecentlyEnded)
            .OrderByDescending(r => r.EndedAt)
            .FirstOrDefault();

    /// <summary>
    /// Decides a request, if it is still pending: won, or not (it had already ended: stale), with the request as it
    /// stands after.
    /// </summary>
    public Task<RequestEnd> DecideAsync(string id, string decider, RequestDecision decision, DateTimeOffset now, CancellationToken cancellationToken) =>
        DecideAsync(id, decider, decision, null, now, cancellationToken);

    /// <summary>As above; <paramref name="via"/> says where the decider answered (e.g. "web"), null: respond (a tool or the command line).</summary>
    public Task<RequestEnd> DecideAsync(
        string id,
        string decider,
        RequestDecision decision,
        string? via,
        DateTimeOffset now,
        CancellationToken cancellationToken
    ) => EndAsync(id, RequestStatus.Decided, decider, decision, via, now, cancellationToken);

    /// <summary>Ends a pending request with no decision (answered on screen, or a timeout); a no-op on one already ended.</summary>
    public Task<RequestEnd> EndAsync(string id, RequestStatus status, string by, DateTimeOffset now, CancellationToken cancellationToken) =>
        EndAsync(id, status, by, null, null, now, cancellationToken);

    /// <summary>The peer's next hook event: its pending requests of that session were answered on screen.</summary>
    public async Task<int> EndOnEventAsync(PeerRegistration peer, string? sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await state.Requests.AnyAsync(cancellationToken))
            return 0;
        var ended = 0;
        foreach (var request in (await state.Requests.AllAsync(cancellationToken)).Where(r => r.IsPending && r.Role == peer.Role && r.Pane == peer.Pane))
        {
            if (sessionId is not null && request.SessionId is not null && request.SessionId != sessionId)
                continue;
            if ((await EndAsync(request.Id, RequestStatus.AnsweredOnScreen, ByScreen, now, cancellationToken)).Won)
                ended++;
        }

        return ended;
    }

    private async Task<RequestEnd> EndAsync(
        string id,
        RequestStatus status,
        string by,
        RequestDecision? decision,
        string? via,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var won = false;
        var after = await state.Requests.UpdateAsync(
            id,
            current =>
            {
                // Set on every run: on NATS a change lost to a racing decider runs again on what that one wrote.
                won = current.IsPending;
                if (!won)
                    return null;
                return current with { Status = status, EndedAt = now, EndedBy = by, Decision = decision, EndedVia = via };
            },
            cancellationToken
        );
        if (won && after is not null)
            await LogAsync(after, now, cancellationToken);
        return new RequestEnd(after, won && after is not null);
    }

    private async Task<IReadOnlyList<PermissionRequestRecord>> LiveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = await state.Requests.AllAsync(cancellationToken);
        if (!all.Any(r => r.IsPending && r.WaitUntil < now))
            return all;
        foreach (var stale in all.Where(r => r.IsPending && r.WaitUntil < now))
            await EndAsync(stale.Id, RequestStatus.TimedOut, ByTimeout, now, cancellationToken);
        return await state.Requests.AllAsync(cancellationToken);
    }

    /// <summary>The thread's record of an end: from the decider (or the role itself, for the screen and a timeout) to the role.</summary>
    private async Task LogAsync(PermissionRequestRecord request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var summary = RequestSummary.Of(request);
        var what = request.Status switch
        {
            RequestStatus.Decided when request.Decision is { } d =>
                (d.Allow ? "allowed" : "denied")
                    + (d.Label is { } label ? $" (\"{ShownText.Clean(label, 200)}\")" : "")
                    + (d.Message is { } m ? $": {ShownText.Clean(m, 300)}" : "")
                    + $", decided by {request.EndedBy}"
                    + (request.EndedVia is { } via ? $" through the {ShownText.Clean(via, 40)}, applied by its hook" : " through the hook"),
            RequestStatus.AnsweredOnScreen => "answered on the screen",
            _ => "not decided in time (timeout)",
        };
        var from = request.Status == RequestStatus.Decided && RoleName.IsValid(request.EndedBy) ? request.EndedBy! : request.Role;
        var record = new MessageRecord(
            MessageId.New(),
            now,
            from,
            request.Role,
            $"[request {request.Id}] {summary.Tool} {summary.Subject}: {what}.",
            true,
            false,
            null,
            request.NoticeId,
            DeliveryStatus.Submitted,
            from == request.Role ? true : null
        );
        try
        {
            await state.Messages.AppendAsync(record, cancellationToken);
        }
        catch (StateException)
        {
            // The request file says how it ended; a log line that could not be written must not undo the end.
        }
    }

    /// <summary>The message that tells the supervisor: the request id, the tool, the command or question, the options, how to answer.</summary>
    public static string Notice(PermissionRequestRecord request)
    {
        var summary = RequestSummary.Of(request);
        var text = new StringBuilder();
        text.Append($"[session-bridge] {request.Role} waits on ");
        if (summary.IsQuestion)
        {
            text.Append($"a question (request {request.Id}):");
            foreach (var question in summary.Questions.Take(4))
            {
                text.Append($"\n- {ShownText.Clean(question.Question, 300)}");
                if (question.Options.Count > 0)
                    text.Append(" Options: " + string.Join(" / ", question.Options.Select(o => $"\"{ShownText.Clean(o, 100)}\"")));
                if (question.MultiSelect)
                    text.Append(" (several may be chosen)");
            }

            text.Append(
                $"\nAnswer with mcp__session-bridge__respond(role: \"{request.Role}\", request: \"{request.Id}\", option: \"<label>\")"
                    + " (options: [labels] for several, text: \"…\" for your own words)."
            );
        }
        else
        {
            text.Append($"a permission (request {request.Id}): {summary.Tool} {summary.Subject}");
            text.Append("\nOptions: " + string.Join(" / ", summary.Options.Select(o => $"\"{o}\"")) + ".");
            text.Append(
                $"\nAnswer with mcp__session-bridge__respond(role: \"{request.Role}\", request: \"{request.Id}\", option: \"Yes\")"
                    + " or option: \"No\" with reason: \"…\" (the reason reaches its model)."
            );
        }

        text.Append(" It goes through its own hook: no key is pressed.");
        return text.ToString();
    }

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
