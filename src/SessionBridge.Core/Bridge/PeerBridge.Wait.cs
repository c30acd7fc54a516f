using System.Diagnostics;
using SessionBridge.Bridge.Results;
using SessionBridge.Screens;
using SessionBridge.State;

namespace SessionBridge.Bridge;

internal sealed partial class PeerBridge
{
    public const int MaxWaitSeconds = 600;

    private static readonly string[] WaitConditions = ["idle", "question", "idle_or_question", "message"];

    /// <summary>
    /// Blocks until <paramref name="role"/> is idle, is waiting on a question or menu, or has sent a message
    /// to <paramref name="me"/> (optionally a reply to <paramref name="replyTo"/>), or until the timeout.
    /// Replaces polling with read_peer in a /loop for the common cases. Cancelled with the request.
    /// </summary>
    public async Task<WaitResult> WaitForAsync(
        string? role,
        string? until,
        int? timeoutSeconds = null,
        string? me = null,
        string? replyTo = null,
        CancellationToken cancellationToken = default
    )
    {
        var name = RoleName.Parse(role);
        var condition = until?.Trim().ToLowerInvariant() ?? "";
        if (!WaitConditions.Contains(condition))
        {
            throw new BridgeException(
                $"'until' is \"{until}\"; use one of: {string.Join(", ", WaitConditions)}."
            );
        }

        var seconds = CheckRange(timeoutSeconds ?? 60, "timeout_s", 1, MaxWaitSeconds);
        var parent = MessageId.ParseOptional(replyTo, "reply_to");
        RoleName? caller = null;
        if (condition == "message")
        {
            caller = RoleName.Parse(me ?? throw new BridgeException(
                "Waiting for a message needs 'me': your own role, whose inbox the message arrives in."), "me");
        }

        var peer = FindPeer(name, "role");
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        // Messages already in the inbox do not end the wait: only ones that arrive after it starts.
        var seen = caller is { } c && State.Messages.Inbox(c, 1).Records is [.., var newest] ? newest.Id : null;
        string? lastState = null;
        while (true)
        {
            if (caller is { } inbox)
            {
                var arrived = State.Messages.Inbox(inbox, MaxLimit, seen).Records
                    .FirstOrDefault(m => m.From == name.Value && (parent is null || m.ReplyTo == parent));
                if (arrived is not null)
                    return new WaitResult(name.Value, condition, true, clock.ElapsedMilliseconds, lastState, arrived, null);
            }
            else
            {
                var check = await CheckTargetAsync(peer, cancellationToken);
                if (check.Status is "gone" or "stale" or "dead")
                    return new WaitResult(name.Value, condition, false, clock.ElapsedMilliseconds, check.Status, null, check.Problem);

                var screen = await Tmux(peer.Socket).CaptureAsync(peer.Pane, 0, cancellationToken);
                var state = ScreenClassifier.Classify(screen).State;
                lastState = state.ToWireName();
                var met = condition switch
                {
                    "idle" => state == ScreenState.Idle,
                    "question" => state is ScreenState.WaitingSelect or ScreenState.WaitingText,
                    _ => state is ScreenState.Idle or ScreenState.WaitingSelect or ScreenState.WaitingText,
                };
                if (met)
                    return new WaitResult(name.Value, condition, true, clock.ElapsedMilliseconds, lastState, null, null);
            }

            if (clock.Elapsed >= deadline)
            {
                return new WaitResult(
                    name.Value, condition, false, clock.ElapsedMilliseconds, lastState, null,
                    $"timed out after {seconds} s"
                );
            }

            await Task.Delay(_options.WaitPollInterval, cancellationToken);
        }
    }
}
