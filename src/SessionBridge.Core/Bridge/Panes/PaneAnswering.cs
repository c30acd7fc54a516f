using SessionBridge.Bridge.Remote;
using SessionBridge.Bridge.Results;
using SessionBridge.Screens;
using SessionBridge.State;
using SessionBridge.Supervision;
using SessionBridge.Tmux;

namespace SessionBridge.Bridge.Panes;

/// <summary>
/// respond on this host's pane: presses keys in it, or, given an option, reads the menu on its screen and presses the
/// arrows from the cursor to that option, then Enter. Either way the screen is read afterwards and its state
/// returned. When the role has a pending permission request (it is supervised), an option, options, text or reason
/// decide it through the peer's own PermissionRequest hook instead, and no key is pressed; an answer to a request that
/// already ended is stale, and neither pressed nor decided.
/// </summary>
internal sealed class PaneAnswering(BridgeOptions options, StateStore state, PaneTargeting targeting, TimeProvider clock)
{
    // How long respond waits for the dialog to close once the hook has its decision (the hook looks every 100 ms).
    private static readonly TimeSpan DialogClose = TimeSpan.FromSeconds(2);

    /// <summary><paramref name="asked"/> (its arguments already checked by the use case) on <paramref name="peer"/>'s pane.</summary>
    public async Task<RespondResult> RespondAsync(PeerRegistration peer, RespondRequest asked, CancellationToken cancellationToken)
    {
        var (_, keys, option, request, labels, text, reason, callerRoles, via) = asked;
        var name = RoleName.Trusted(peer.Role);
        var throughHook = request is not null || labels is { Count: > 0 } || text is not null || reason is not null;
        var requests = new PermissionRequests(state);
        var now = clock.GetUtcNow();
        PermissionRequestRecord? pending;
        if (request is not null)
        {
            var found = await requests.FindAsync(request.Trim(), cancellationToken);
            if (found is null)
                return Stale(name, request, $"no request \"{request}\" is on file (ended over a day ago, or never was): nothing pressed or decided.");
            if (found.Role != name.Value)
                throw new BridgeException($"Request {found.Id} is {found.Role}'s, not {name}'s.");
            await requests.PendingForAsync(name, now, cancellationToken); // ends it first if it outlived its wait
            found = (await requests.FindAsync(found.Id, cancellationToken))!;
            if (!found.IsPending)
                return Stale(name, found);
            pending = found;
        }
        else
        {
            pending = await requests.PendingForAsync(name, now, cancellationToken) is { Count: > 0 } all ? all[^1] : null;
            // The supervisor most likely answers the question it was told about: never press keys into whatever came next.
            if (pending is null && await requests.RecentlyEndedForAsync(name, now, cancellationToken) is { } ended)
                return Stale(name, ended);
        }

        if (pending is null && throughHook)
        {
            throw new BridgeException(
                $"{name} has no pending request: {{arg:options}}, {{arg:text}} and {{arg:reason}} answer one through its hook. "
                    + "Its screen can still be answered with {arg:option} or {arg:keys}; see {cmd:detect_question}."
            );
        }

        if (pending is not null && keys is not { Count: > 0 })
            return await DecideAsync(peer, pending, option, labels, text, reason, callerRoles, via, cancellationToken);

        return await PressAsync(peer, keys, option, cancellationToken);
    }

    private async Task<RespondResult> DecideAsync(
        PeerRegistration peer,
        PermissionRequestRecord pending,
        string? option,
        IReadOnlyList<string>? labels,
        string? text,
        string? reason,
        IReadOnlyList<string>? callerRoles,
        string? via,
        CancellationToken cancellationToken
    )
    {
        var name = RoleName.Trusted(peer.Role);
        // Asked by another host: the caller's roles are the ones it found on the caller's own pane there.
        var mine = callerRoles?.ToList() ?? await CallerRoles.OfAsync(options, state, null, cancellationToken);
        if (mine.Count > 0 && !mine.Contains(pending.Supervisor))
        {
            throw new BridgeException(
                $"{name} is supervised by {pending.Supervisor}, not by {string.Join(", ", mine)}: only its supervisor answers "
                    + $"its requests (a person can, with the command line). Ask {pending.Supervisor}, or {{cmd:supervise}} {name} first."
            );
        }

        var decider = mine.Count > 0 ? pending.Supervisor : RoleName.Person;
        var tmux = options.Tmux(peer.Socket);
        var problem = (await targeting.CheckAsync(peer, cancellationToken)).Problem;
        if (problem is not null)
            return new RespondResult(name.Value, [], false, problem, Request: pending.Id);

        // An Escape fires no hook: the screen is the check that the dialog is still there to answer.
        ScreenReading menu;
        try
        {
            menu = ScreenClassifier.Classify(await tmux.CaptureAsync(peer.Pane, 0, cancellationToken));
        }
        catch (TmuxException e)
        {
            return new RespondResult(name.Value, [], false, $"tmux failed while reading the screen: {e.Message}", Request: pending.Id);
        }

        if (menu.State != ScreenState.WaitingSelect)
        {
            var gone = await requests().EndAsync(pending.Id, RequestStatus.AnsweredOnScreen, PermissionRequests.ByScreen, clock.GetUtcNow(), cancellationToken);
            return Stale(name, gone.Request ?? pending);
        }

        var label = option is null ? null : Label(pending, menu, option);
        var decision = RequestAnswers.For(pending, label, labels, text, reason);
        var end = await requests().DecideAsync(pending.Id, decider, decision, via, clock.GetUtcNow(), cancellationToken);
        if (!end.Won)
            return Stale(name, end.Request ?? pending);

        var after = await DialogClosedAsync(tmux, peer.Pane, cancellationToken);
        return new RespondResult(
            name.Value,
            [],
            true,
            null,
            decision.Label,
            after,
            "answered",
            "hook",
            pending.Id,
            decision.Allow ? "allow" : "deny"
        );

        PermissionRequests requests() => new(state);
    }

    /// <summary>
    /// The label <paramref name="option"/> names: one of the request's own options (exact, or the one it starts or is
    /// part of), else, as for keys, an option of the menu on screen (a number always counts on screen).
    /// </summary>
    private static string Label(PermissionRequestRecord pending, ScreenReading menu, string option)
    {
        var wanted = option.Trim();
        var summary = RequestSummary.Of(pending);
        var own = summary.IsQuestion ? summary.Questions.SelectMany(q => q.Options).ToList() : summary.Options;
        var found = own.Where(o => string.Equals(o, wanted, StringComparison.OrdinalIgnoreCase)).ToList() is [var exact]
            ? exact
            : own.Where(o => o.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)).ToList() is [var start]
                ? start
                : own.Where(o => o.Contains(wanted, StringComparison.OrdinalIgnoreCase)).ToList() is [var part] ? part : null;
        if (found is not null && !int.TryParse(wanted.TrimEnd('.'), out _))
            return found;
        return menu.Options.Count > 0 ? MenuChoice.Find(menu, wanted).Label : wanted;
    }

    /// <summary>The screen once the dialog has closed, or as it is after <see cref="DialogClose"/>.</summary>
    private async Task<ScreenState?> DialogClosedAsync(TmuxClient tmux, string pane, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        ScreenState? state = null;
        do
        {
            try
            {
                state = ScreenClassifier.Classify(await tmux.CaptureAsync(pane, 0, cancellationToken)).State;
            }
            catch (TmuxException)
            {
                return state;
            }

            if (state != ScreenState.WaitingSelect)
                return state;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        } while (clock.GetElapsedTime(started) < DialogClose);

        return state;
    }

    private static RespondResult Stale(RoleName name, PermissionRequestRecord ended) =>
        Stale(name, ended.Id, $"request {ended.Id} already ended: {HowItEnded(ended)}. Nothing was pressed or decided.");

    private static RespondResult Stale(RoleName name, string id, string reason) =>
        new(name.Value, [], false, reason, Status: "stale", Request: id);

    private static string HowItEnded(PermissionRequestRecord ended) =>
        ended.Status switch
        {
            RequestStatus.Decided => $"decided by {ended.EndedBy} ({(ended.Decision?.Allow == true ? "allow" : "deny")})",
            RequestStatus.AnsweredOnScreen => "answered on the peer's screen",
            RequestStatus.TimedOut => "nobody decided in time",
            _ => "it is still pending",
        } + (ended.EndedAt is { } at ? $" at {at.UtcDateTime:HH:mm:ss} UTC" : "");

    private async Task<RespondResult> PressAsync(
        PeerRegistration peer,
        IReadOnlyList<string>? keys,
        string? option,
        CancellationToken cancellationToken
    )
    {
        var byOption = !string.IsNullOrWhiteSpace(option);
        if (byOption && keys is { Count: > 0 })
            throw new BridgeException("Pass either {arg:keys} or {arg:option}, not both.");
        if (!byOption && (keys is null || keys.Count == 0))
        {
            throw new BridgeException(
                "{arg:keys} is empty. Pass the keys to press, for example [\"1\"], [\"Down\",\"Enter\"] or "
                    + "[\"Escape\"], or pass {arg:option} with the label of the menu option to choose."
            );
        }

        if (keys is { Count: > Limits.MaxKeys })
            throw new BridgeException($"{{arg:keys}} has {keys.Count} keys; {Limits.MaxKeys} at most in one call.");

        var name = RoleName.Trusted(peer.Role);
        var tokens = byOption ? [] : keys!.Select(KeyToken.Parse).ToList();
        var tmux = options.Tmux(peer.Socket);
        using var held = await PaneLock.AcquireAsync(options.State, peer.Socket, peer.Pane, options.PaneLockTimeout, cancellationToken);
        var problem = (await targeting.CheckAsync(peer, cancellationToken)).Problem;
        if (problem is not null)
            return new RespondResult(name.Value, Names(tokens), false, problem);

        try
        {
            string? chosen = null;
            if (byOption)
            {
                var menu = ScreenClassifier.Classify(await tmux.CaptureAsync(peer.Pane, 0, cancellationToken));
                if (menu.State != ScreenState.WaitingSelect)
                {
                    return new RespondResult(
                        name.Value,
                        [],
                        false,
                        options.Words.Render(
                            $"{name.Value} shows no menu (its screen reads {menu.State.ToWireName()}): nothing "
                                + "pressed. Check with {cmd:detect_question}, or answer a question in prose with {cmd:send}."
                        ),
                        After: menu.State
                    );
                }

                var target = MenuChoice.Find(menu, option!);
                chosen = target.Label;
                tokens = MenuChoice.KeysTo(menu, target);
            }

            await PressKeysAsync(tmux, peer.Pane, tokens, cancellationToken);
            await Task.Delay(options.VerifyDelay, cancellationToken);
            var after = ScreenClassifier.Classify(await tmux.CaptureAsync(peer.Pane, 0, cancellationToken));
            return new RespondResult(name.Value, Names(tokens), true, null, chosen, after.State, AnsweredVia: "keys");
        }
        catch (TmuxException e)
        {
            return new RespondResult(name.Value, Names(tokens), false, $"tmux failed while sending keys: {e.Message}");
        }
    }

    private async Task PressKeysAsync(TmuxClient tmux, string pane, List<KeyToken> tokens, CancellationToken cancellationToken)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0)
                await Task.Delay(options.KeyInterval, cancellationToken);
            var token = tokens[i];
            if (token.IsLiteral)
                await tmux.SendLiteralAsync(pane, token.Value, cancellationToken);
            else
                await tmux.SendKeyAsync(pane, token.Value, cancellationToken);
            if (token.IsEscape)
                await Task.Delay(options.EscapePause, cancellationToken);
        }
    }

    private static List<string> Names(List<KeyToken> tokens) => tokens.Select(t => t.Value).ToList();
}
