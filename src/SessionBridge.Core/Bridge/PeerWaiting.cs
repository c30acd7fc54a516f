using SessionBridge.Bridge.Results;
using SessionBridge.Screens;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>
/// wait_for: blocks until a peer is idle, is waiting on a question or menu, or has sent the caller a message
/// (optionally a reply to one id), or until the timeout. Replaces polling with read_peer in a /loop for the
/// common cases. Cancelled with the request.
/// </summary>
internal sealed class PeerWaiting(
    BridgeOptions options,
    StateStore state,
    PeerDirectory peers,
    PaneTargeting targeting,
    TimeProvider clock
)
{
    public async Task<WaitResult> WaitForAsync(
        string? role,
        string? until,
        int? timeoutSeconds,
        string? me,
        string? replyTo,
        CancellationToken cancellationToken
    )
    {
        var name = RoleName.Parse(role);
        var condition = ParseCondition(until);
        var seconds = Arguments.InRange(
            timeoutSeconds ?? Limits.DefaultWaitSeconds,
            "timeout_s",
            Limits.MinWaitSeconds,
            Limits.MaxWaitSeconds
        );
        var parent = MessageId.ParseOptional(replyTo, "reply_to");
        RoleName? caller = null;
        if (condition == WaitCondition.Message)
        {
            caller = RoleName.Parse(
                me
                    ?? throw new BridgeException(
                        "Waiting for a message needs {arg:me}: your own role, whose inbox the message arrives in."
                    ),
                "me"
            );
        }

        var peer = peers.Find(name, "role");
        var started = clock.GetTimestamp();
        var deadline = TimeSpan.FromSeconds(seconds);
        // Messages already in the inbox do not end the wait: only ones that arrive after it starts.
        var seen = caller is { } c && state.Messages.Inbox(c, 1).Records is [.., var newest] ? newest.Id : null;
        string? lastState = null;
        while (true)
        {
            var waited = (long)clock.GetElapsedTime(started).TotalMilliseconds;
            if (caller is { } inbox)
            {
                var arrived = state
                    .Messages.Inbox(inbox, Limits.MaxMessages, seen)
                    .Records.FirstOrDefault(m => m.From == name.Value && (parent is null || m.ReplyTo == parent));
                if (arrived is not null)
                    return new WaitResult(name.Value, condition, true, waited, lastState, arrived, null);
            }
            else
            {
                var check = await targeting.CheckAsync(peer, cancellationToken);
                if (check.Status.IsLost())
                    return new WaitResult(name.Value, condition, false, waited, check.Status.ToWireName(), null, check.Problem);

                var screen = await ScreenAsync(peer, cancellationToken);
                var screenState = ScreenClassifier.Classify(screen).State;
                lastState = screenState.ToWireName();
                if (Meets(condition, screenState))
                    return new WaitResult(name.Value, condition, true, waited, lastState, null, null);
            }

            if (clock.GetElapsedTime(started) >= deadline)
            {
                return new WaitResult(
                    name.Value,
                    condition,
                    false,
                    (long)clock.GetElapsedTime(started).TotalMilliseconds,
                    lastState,
                    null,
                    $"timed out after {seconds} s"
                );
            }

            await Task.Delay(options.WaitPollInterval, clock, cancellationToken);
        }
    }

    private static WaitCondition ParseCondition(string? until)
    {
        var text = until?.Trim().ToLowerInvariant();
        if (WireNames.TryParse(text, WireNamesJson.Default.WaitCondition, out var condition))
            return condition;
        var known = string.Join(", ", WireNames.All(WireNamesJson.Default.WaitCondition));
        throw new BridgeException($"{{arg:until}} is \"{until}\"; use one of: {known}.");
    }

    private static bool Meets(WaitCondition condition, ScreenState state) =>
        condition switch
        {
            WaitCondition.Idle => state == ScreenState.Idle,
            WaitCondition.Question => state is ScreenState.WaitingSelect or ScreenState.WaitingText,
            _ => state is ScreenState.Idle or ScreenState.WaitingSelect or ScreenState.WaitingText,
        };

    private async Task<string> ScreenAsync(PeerRegistration peer, CancellationToken cancellationToken)
    {
        try
        {
            return await options.Tmux(peer.Socket).CaptureAsync(peer.Pane, 0, cancellationToken);
        }
        catch (Tmux.TmuxException e)
        {
            // Regression: a TmuxException used to escape to the SDK's generic error, which told the model nothing.
            throw new BridgeException($"Cannot read {peer.Role}'s screen while waiting: {e.Message}", Errors.ErrorCode.Tmux);
        }
    }
}
