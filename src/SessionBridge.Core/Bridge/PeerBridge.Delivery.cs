using SessionBridge.Screens;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Bridge;

internal sealed partial class PeerBridge
{
    /// <summary>
    /// Types <paramref name="text"/> into the peer's pane under the pane's lock, presses Enter, and reads the
    /// screen afterwards to say what happened: never judged by finding the whole text on screen (Claude Code
    /// collapses long pastes), but by where the start of it is — still in the input box, or queued, or gone.
    /// </summary>
    private async Task<Delivery> DeliverAsync(
        PeerRegistration peer,
        string text,
        bool submit,
        bool force,
        CancellationToken cancellationToken
    )
    {
        var tmux = Tmux(peer.Socket);
        using var held = PaneLock.Acquire(_options.State, peer.Socket, peer.Pane, _options.PaneLockTimeout);
        var problem = (await CheckTargetAsync(peer, cancellationToken)).Problem;
        if (problem is not null)
            return Delivery.NotDelivered(problem);

        try
        {
            var screen = await tmux.CaptureAsync(peer.Pane, 0, cancellationToken);

            // A menu takes keys, not prose: pasted text would move its cursor or pick an option by accident.
            var reading = ScreenClassifier.Classify(screen);
            if (reading.State == ScreenState.WaitingSelect && !force)
            {
                return new Delivery(
                    false,
                    false,
                    "refused_menu",
                    $"{peer.Role} is on a menu (\"{reading.Heading ?? "no heading"}\"): not typing into it. Answer it "
                        + "with respond (detect_question lists the options), or send with force:true once it is gone; "
                        + $"{peer.Role} can read this message with inbox."
                );
            }

            // Never type into a prompt that holds the human's half-written draft: it would be sent with ours.
            var before = PromptBox.Read(screen);
            if (before is { HasDraft: true } && !force)
            {
                var draft = before.Input.Length > 60 ? before.Input[..60] + "…" : before.Input;
                return new Delivery(
                    false,
                    false,
                    "refused_draft",
                    $"{peer.Role}'s prompt holds an unsent draft (\"{draft}\"): not typing over it. Try again "
                        + $"later, or send with force:true to type after it; {peer.Role} can read it with inbox."
                );
            }

            await tmux.PasteAsync(peer.Pane, text, cancellationToken);
            if (!submit)
                return new Delivery(true, false, "typed", null);

            await Task.Delay(_options.SettleDelay, cancellationToken);
            // send-keys into a pane that died meanwhile exits 0 and does nothing: look again.
            problem = (await CheckTargetAsync(peer, cancellationToken)).Problem;
            if (problem is not null)
                return new Delivery(true, false, "typed", "the text was typed but not submitted: " + problem);

            await tmux.SendKeyAsync(peer.Pane, "Enter", cancellationToken);
            var status = await ReadStatusAsync(tmux, peer.Pane, text, cancellationToken);
            if (status == "typed")
            {
                // An Enter that arrived while the paste was still being taken is eaten: press it once more.
                await tmux.SendKeyAsync(peer.Pane, "Enter", cancellationToken);
                status = await ReadStatusAsync(tmux, peer.Pane, text, cancellationToken);
            }

            return status == "typed"
                ? new Delivery(
                    true,
                    false,
                    status,
                    $"Enter did not submit: the text is still in {peer.Role}'s prompt (pressed twice). Raise "
                        + "SESSION_BRIDGE_SETTLE_MS, or use respond with [\"Enter\"]."
                )
                : new Delivery(true, true, status, null);
        }
        catch (TmuxException e)
        {
            return Delivery.NotDelivered($"tmux failed while typing into {peer.Role}'s pane {peer.Pane}: {e.Message}");
        }
    }

    /// <summary>submitted, queued, typed, or unverified (the pane shows no Claude Code input box).</summary>
    private async Task<string> ReadStatusAsync(TmuxClient tmux, string pane, string text, CancellationToken cancellationToken)
    {
        await Task.Delay(_options.VerifyDelay, cancellationToken);
        var screen = await tmux.CaptureAsync(pane, 0, cancellationToken);
        var box = PromptBox.Read(screen);
        if (box is null)
            return "unverified";

        var opening = Opening(text);
        if (box.HasDraft && (box.Input.Contains(opening, StringComparison.Ordinal)
            || box.Input.Contains("[Pasted text", StringComparison.Ordinal)))
        {
            return "typed";
        }

        return box.ShowsQueuedHint || IsQueued(screen, opening) ? "queued" : "submitted";
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
