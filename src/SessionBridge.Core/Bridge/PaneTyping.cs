using SessionBridge.Screens;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Bridge;

/// <summary>
/// The typing protocol: under the pane's lock, check the pane, refuse a menu or a human's draft, paste, let
/// Claude Code take the paste, press Enter, and read the screen to say what happened. Never judged by
/// finding the whole text on screen (Claude Code collapses long pastes), but by where the start of it is:
/// still in the input box, queued, or gone into a turn.
/// </summary>
internal sealed class PaneTyping(BridgeOptions options, PaneTargeting targeting, ClaudeCodeCheck claude)
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
        using var held = PaneLock.Acquire(options.State, peer.Socket, peer.Pane, options.PaneLockTimeout);
        var check = await targeting.CheckAsync(peer, cancellationToken);
        // A shell prompt runs whatever is typed as a command: refused even with force.
        if (check.Status == PaneStatus.Shell)
            return new Delivery(false, false, DeliveryStatus.NotClaude, check.Problem);
        if (check.Problem is not null)
            return Delivery.NotDelivered(check.Problem);
        if (!force && check.Pane is { } pane && !claude.RunsClaudeCode(peer, pane))
            return NotClaude(peer, pane);

        string? problem;

        try
        {
            var screen = await tmux.CaptureAsync(peer.Pane, 0, cancellationToken);
            var refusal = force ? null : Refusal(peer.Role, screen);
            if (refusal is not null)
                return refusal;

            await tmux.PasteAsync(peer.Pane, text, cancellationToken);
            if (!submit)
                return new Delivery(true, false, DeliveryStatus.Typed, null);

            await Task.Delay(options.SettleDelay, cancellationToken);
            // send-keys into a pane that died meanwhile exits 0 and does nothing: look again.
            problem = (await targeting.CheckAsync(peer, cancellationToken)).Problem;
            if (problem is not null)
                return new Delivery(true, false, DeliveryStatus.Typed, "the text was typed but not submitted: " + problem);

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
                    true,
                    false,
                    status,
                    options.Words.Render(
                        $"Enter did not submit: the text is still in {peer.Role}'s prompt (pressed twice). Raise "
                            + "SESSION_BRIDGE_SETTLE_MS, or use {cmd:respond} with [\"Enter\"]."
                    )
                )
                : new Delivery(true, status is DeliveryStatus.Submitted or DeliveryStatus.Queued, status, null);
        }
        catch (TmuxException e)
        {
            return Delivery.NotDelivered($"tmux failed while typing into {peer.Role}'s pane {peer.Pane}: {e.Message}");
        }
    }

    private Delivery NotClaude(PeerRegistration peer, PaneInfo pane) =>
        new(
            false,
            false,
            DeliveryStatus.NotClaude,
            options.Words.Render(
                $"{peer.Role}'s pane {peer.Pane} runs {pane.CurrentCommand}, not Claude Code: nothing was typed, "
                    + $"{pane.CurrentCommand} would have taken the text as its input. Start Claude Code there and "
                    + $"re-register {peer.Role}, or send with {{flag:force}} if it is another agent's prompt; "
                    + $"{peer.Role} can read the message with {{cmd:inbox {peer.Role}}}."
            )
        );

    /// <summary>A menu or a human's draft: typing now would pick an option or send someone's words with ours.</summary>
    private Delivery? Refusal(string role, string screen)
    {
        // A menu takes keys, not prose: pasted text would move its cursor or pick an option by accident.
        var reading = ScreenClassifier.Classify(screen);
        if (reading.State == ScreenState.WaitingSelect)
        {
            return new Delivery(
                false,
                false,
                DeliveryStatus.RefusedMenu,
                options.Words.Render(
                    $"{role} is on a menu (\"{reading.Heading ?? "no heading"}\"): not typing into it. Answer it with "
                        + "{cmd:respond} ({cmd:detect_question} lists the options), or send with {flag:force} once it "
                        + $"is gone; {role} can read this message with {{cmd:inbox {role}}}."
                )
            );
        }

        // Never type into a prompt that holds the human's half-written draft: it would be sent with ours.
        var before = PromptBox.Read(screen);
        if (before is not { HasDraft: true })
            return null;
        var draft = before.Input.Length > 60 ? before.Input[..60] + "…" : before.Input;
        return new Delivery(
            false,
            false,
            DeliveryStatus.RefusedDraft,
            options.Words.Render(
                $"{role}'s prompt holds an unsent draft (\"{draft}\"): not typing over it. Try again later, or send "
                    + $"with {{flag:force}} to type after it; {role} can read it with {{cmd:inbox {role}}}."
            )
        );
    }

    /// <summary>
    /// Presses Enter and says what became of the text: submitted as soon as the peer's own UserPromptSubmit hook
    /// reports a prompt taken after this Enter (same pane process), else what the screen shows after the verify
    /// delay. A busy peer queues the text and fires no UserPromptSubmit until later: the screen tells.
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
        var pressed = DateTimeOffset.UtcNow;
        await tmux.SendKeyAsync(pane, "Enter", cancellationToken);
        if (wired && await ReceiptAsync(presence, identity!, pressed, cancellationToken))
            return DeliveryStatus.Submitted;
        if (!wired)
            await Task.Delay(options.VerifyDelay, cancellationToken);
        return await ReadStatusAsync(tmux, pane, text, cancellationToken);
    }

    /// <summary>Whether the peer's UserPromptSubmit fired after <paramref name="pressed"/>, looked for until the verify delay is up.</summary>
    private async Task<bool> ReceiptAsync(
        PresenceStore presence,
        PaneIdentity identity,
        DateTimeOffset pressed,
        CancellationToken cancellationToken
    )
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            if (presence.Read(identity) is { Event: "UserPromptSubmit" } record && record.UpdatedAt >= pressed)
                return true;
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) >= options.VerifyDelay)
                return false;
            await Task.Delay(ReceiptPoll, cancellationToken);
        }
    }

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
