using SessionBridge.Screens;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Bridge;

/// <summary>
/// The typing protocol: under the pane's lock, check the pane, hold the message on a menu or a human's draft, paste, let
/// Claude Code take the paste, press Enter, and read the screen to say what happened. Never judged by
/// finding the whole text on screen (Claude Code collapses long pastes), but by where the start of it is:
/// still in the input box, queued, or gone into a turn.
/// </summary>
internal sealed class PaneTyping(BridgeOptions options, PaneTargeting targeting, ClaudeCodeCheck claude, TimeProvider clock)
{
    public async Task<Delivery> TypeAsync(
        PeerRegistration peer,
        string text,
        bool submit,
        bool force,
        CancellationToken cancellationToken
    )
    {
        var tmux = options.Tmux(peer.Socket);
        using var held = await PaneLock.AcquireAsync(options.State, peer.Socket, peer.Pane, options.PaneLockTimeout, cancellationToken);
        var check = await targeting.CheckAsync(peer, cancellationToken);
        // A shell prompt runs whatever is typed as a command: refused even with force.
        if (check.Status == PaneStatus.Shell)
            return new Delivery(DeliveryStatus.NotClaude, check.Problem);
        // Stopped on purpose by session-bridge down: the role's next start takes it, through its SessionStart hook.
        if (check.Status.IsLost() && peer.StoppedAt is not null)
        {
            return new Delivery(
                DeliveryStatus.Held,
                $"{peer.Role} was stopped by session-bridge down: the message is held, and {peer.Role}'s next start "
                    + "(session-bridge up) hands it over."
            );
        }

        if (check.Problem is not null)
            return Delivery.NotDelivered(check.Problem);
        if (!force && check.Pane is { } pane && !await claude.RunsClaudeCodeAsync(peer, pane, cancellationToken))
            return NotClaude(peer, pane);

        try
        {
            var screen = await tmux.CaptureAsync(peer.Pane, 0, cancellationToken);
            var hold = force ? null : HoldReason(peer, screen);
            if (hold is not null)
                return new Delivery(DeliveryStatus.Held, hold);
            return await TypeLockedAsync(tmux, peer, check, text, submit, cancellationToken);
        }
        catch (TmuxException e)
        {
            return Delivery.NotDelivered($"tmux failed while typing into {peer.Role}'s pane {peer.Pane}: {e.Message}");
        }
    }

    /// <summary>
    /// The deliverer's turn (session-bridge deliver-held): under the pane's lock, if the peer can take typing
    /// now, <paramref name="claim"/> the held messages (the exactly-once step) and type each. Null when the
    /// peer cannot take typing yet (try again later); else what became of each claimed message.
    /// </summary>
    public async Task<IReadOnlyList<(MessageRecord Message, Delivery Delivery)>?> TypeHeldAsync(
        PeerRegistration peer,
        Func<Task<IReadOnlyList<MessageRecord>>> claim,
        CancellationToken cancellationToken
    )
    {
        var tmux = options.Tmux(peer.Socket);
        using var held = await PaneLock.AcquireAsync(options.State, peer.Socket, peer.Pane, options.PaneLockTimeout, cancellationToken);
        var check = await targeting.CheckAsync(peer, cancellationToken);
        if (check.Problem is not null || check.Pane is not { } pane || !await claude.RunsClaudeCodeAsync(peer, pane, cancellationToken))
            return null;
        var screen = await tmux.CaptureAsync(peer.Pane, 0, cancellationToken);
        if (HoldReason(peer, screen) is not null || ScreenClassifier.Classify(screen).State is not (ScreenState.Idle or ScreenState.WaitingText))
            return null;

        var results = new List<(MessageRecord, Delivery)>();
        foreach (var message in await claim())
        {
            var text = TypedText.Tagged(RoleName.Trusted(message.From), message.Text);
            Delivery delivery;
            try
            {
                delivery = await TypeLockedAsync(tmux, peer, check, text, true, cancellationToken);
            }
            catch (TmuxException e)
            {
                delivery = Delivery.NotDelivered($"tmux failed while typing into {peer.Role}'s pane {peer.Pane}: {e.Message}");
            }

            results.Add((message, delivery));
        }

        return results;
    }

    /// <summary>Paste, let Claude Code take it, Enter, and say what became of it. The caller holds the pane lock.</summary>
    private async Task<Delivery> TypeLockedAsync(
        TmuxClient tmux,
        PeerRegistration peer,
        TargetCheck check,
        string text,
        bool submit,
        CancellationToken cancellationToken
    )
    {
        await tmux.PasteAsync(peer.Pane, text, cancellationToken);
        if (!submit)
            return new Delivery(DeliveryStatus.Typed, null);

        await Task.Delay(options.SettleDelay, cancellationToken);
        // send-keys into a pane that died meanwhile exits 0 and does nothing: look again.
        var problem = (await targeting.CheckAsync(peer, cancellationToken)).Problem;
        if (problem is not null)
            return new Delivery(DeliveryStatus.Typed, "the text was typed but not submitted: " + problem);

        // Where the peer's hooks are wired, its UserPromptSubmit is the receipt: no fixed wait for the screen.
        var identity = peer.Socket is { Length: > 0 } socket && check.Pane is { } info
            ? new PaneIdentity(socket, info.ServerPid, peer.Pane, info.PanePid)
            : null;
        var status = await EnterAsync(tmux, peer.Pane, identity, text, cancellationToken);
        if (status == DeliveryStatus.Typed)
        {
            // An Enter that arrived while the paste was still being taken is eaten: press it once more.
            status = await EnterAsync(tmux, peer.Pane, identity, text, cancellationToken);
        }

        return status == DeliveryStatus.Typed
            ? new Delivery(
                status,
                options.Words.Render(
                    $"Enter did not submit: the text is still in {peer.Role}'s prompt (pressed twice). Raise "
                        + "SESSION_BRIDGE_SETTLE_MS, or use {cmd:respond} with [\"Enter\"]."
                )
            )
            : new Delivery(status, null);
    }

    private Delivery NotClaude(PeerRegistration peer, PaneInfo pane) =>
        new(
            DeliveryStatus.NotClaude,
            options.Words.Render(
                $"{peer.Role}'s pane {peer.Pane} runs {pane.CurrentCommand}, not Claude Code: nothing was typed, "
                    + $"{pane.CurrentCommand} would have taken the text as its input. Start Claude Code there and "
                    + $"re-register {peer.Role}, or send with {{flag:force}} if it is another agent's prompt; "
                    + $"{peer.Role} can read the message with {{cmd:inbox {peer.Role}}}."
            )
        );

    /// <summary>
    /// Why the peer cannot take typing now, or null: a menu or permission prompt (on screen, or its hooks say
    /// so), where pasted text would move the cursor or pick an option; or a human's draft, which would be sent
    /// with ours. A question in prose and a busy peer are not reasons: the one waits for a message, and Claude
    /// Code queues what is typed into the other.
    /// </summary>
    private string? HoldReason(PeerRegistration peer, string screen)
    {
        var role = peer.Role;
        var reading = ScreenClassifier.Classify(screen);
        var state = PeerStateReader.Decide(new PresenceStore(options.State).Read(peer), reading, clock.GetUtcNow(), options.HookGrace);
        var arrives = $"Nothing was typed; the message is held and will reach {role} on its own, once, as soon as it can "
            + "take it (its hooks hand it over, or it is typed when the prompt is free). Send with {flag:force} to type now";
        if (state.State == ScreenState.WaitingSelect)
        {
            var what = reading.State == ScreenState.WaitingSelect
                ? $"a menu (\"{reading.Heading ?? "no heading"}\")"
                : "a menu or permission prompt (its hooks say so)";
            return options.Words.Render(
                $"{role} is on {what}. {arrives}, or answer it with {{cmd:respond}} ({{cmd:detect_question}} lists the options)."
            );
        }

        var box = PromptBox.Read(screen);
        if (box is not { HasDraft: true })
            return null;
        var draft = box.Input.Length > 60 ? box.Input[..60] + "…" : box.Input;
        return options.Words.Render($"{role}'s prompt holds an unsent draft (\"{draft}\"). {arrives} after the draft.");
    }

    /// <summary>
    /// Presses Enter and says what became of the text: submitted as soon as the peer's own UserPromptSubmit hook
    /// reports a prompt taken after this Enter (same pane process), else what the screen shows after the verify
    /// delay. A busy peer queues the text and fires no UserPromptSubmit until later: the screen tells. A text still
    /// in the box is looked at again until the submit patience is up: under load Claude Code takes its time.
    /// </summary>
    private async Task<DeliveryStatus> EnterAsync(
        TmuxClient tmux,
        string pane,
        PaneIdentity? identity,
        string text,
        CancellationToken cancellationToken
    )
    {
        var presence = new PresenceStore(options.State);
        var wired = identity is not null && presence.Read(identity) is not null;
        var pressed = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        await tmux.SendKeyAsync(pane, "Enter", cancellationToken);
        var wait = options.VerifyDelay;
        while (true)
        {
            if (wired && await ReceiptAsync(presence, identity!, pressed, wait, cancellationToken))
                return DeliveryStatus.Submitted;
            if (!wired)
                await Task.Delay(wait, clock, cancellationToken);
            var status = await ReadStatusAsync(tmux, pane, text, cancellationToken);
            if (status != DeliveryStatus.Typed || clock.GetElapsedTime(started) >= options.SubmitPatience)
                return status;
            wait = ScreenPoll;
        }
    }

    /// <summary>Whether the peer's UserPromptSubmit fired after <paramref name="pressed"/>, looked for during <paramref name="wait"/>.</summary>
    private async Task<bool> ReceiptAsync(
        PresenceStore presence,
        PaneIdentity identity,
        DateTimeOffset pressed,
        TimeSpan wait,
        CancellationToken cancellationToken
    )
    {
        var started = clock.GetTimestamp();
        while (true)
        {
            if (presence.Read(identity) is { Event: HookEventName.UserPromptSubmit } record && record.UpdatedAt >= pressed)
                return true;
            if (clock.GetElapsedTime(started) >= wait)
                return false;
            await Task.Delay(ReceiptPoll, clock, cancellationToken);
        }
    }

    // A screen is read by starting tmux: while a text waits in the box, five times a second is soon enough.
    private static readonly TimeSpan ScreenPoll = TimeSpan.FromMilliseconds(200);

    // A presence file is a few hundred bytes: reading it every 10 ms costs little and answers within 10 ms.
    private static readonly TimeSpan ReceiptPoll = TimeSpan.FromMilliseconds(10);

    /// <summary>submitted, queued, typed, or unverified (the pane shows no Claude Code input box).</summary>
    private static async Task<DeliveryStatus> ReadStatusAsync(
        TmuxClient tmux,
        string pane,
        string text,
        CancellationToken cancellationToken
    )
    {
        var screen = await tmux.CaptureAsync(pane, 0, cancellationToken);
        var box = PromptBox.Read(screen);
        if (box is null)
            return DeliveryStatus.Unverified;

        var opening = Opening(text);
        if (
            box.HasDraft
            && (
                box.Input.Contains(opening, StringComparison.Ordinal)
                || box.Input.Contains("[Pasted text", StringComparison.Ordinal)
            )
        )
        {
            return DeliveryStatus.Typed;
        }

        return box.ShowsQueuedHint || IsQueued(screen, opening) ? DeliveryStatus.Queued : DeliveryStatus.Submitted;
    }

    /// <summary>Our message above the box with Claude Code's "Queued" note under it.</summary>
    private static bool IsQueued(string screen, string opening)
    {
        var lines = screen.Split('\n');
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            if (!lines[i].StartsWith('\u276f') || !lines[i].Contains(opening, StringComparison.Ordinal))
                continue;
            return lines.Skip(i + 1).Take(4).Any(l => l.Contains("Queued", StringComparison.Ordinal));
        }

        return false;
    }

    /// <summary>The start of the first line: what a screen shows of a message however it wraps or collapses.</summary>
    private static string Opening(string text)
    {
        var first = text.Split('\n', '\t')[0];
        return first.Length > 24 ? first[..24] : first;
    }
}
