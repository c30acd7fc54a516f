using SessionBridge.Bridge.Panes;
using SessionBridge.Bridge.Results;
using SessionBridge.Held;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>
/// send and broadcast: type a message into a peer's pane and log it to the thread and the peer's mailbox,
/// delivered or not. A registered target that cannot be typed into is a result with delivered:false, never
/// an exception; the caller's mistakes are <see cref="BridgeException"/>s and nothing is logged.
/// </summary>
internal sealed class MessageSending(
    BridgeOptions options,
    StateStore state,
    PeerDirectory peers,
    PeerPanes panes,
    TimeProvider clock
)
{
    public async Task<SendResult> SendAsync(
        string? to,
        string? from,
        string? text,
        bool submit = true,
        bool tag = true,
        string? replyTo = null,
        bool force = false,
        CancellationToken cancellationToken = default
    )
    {
        var recipient = RoleName.Parse(to, "to");
        var sender = RoleName.Parse(from, "from");
        var body = Arguments.MessageText(text);
        var parent = MessageId.ParseOptional(replyTo, "reply_to");
        var typed = tag ? TypedText.Tagged(sender, body) : body;

        // The store says what failed; this says what it means for the caller. Before typing: nothing was.
        PeerRegistration peer;
        bool fromVerified;
        Delivery? braked;
        try
        {
            peer = await peers.FindAsync(recipient, "to", cancellationToken);
            fromVerified = await VerifySenderAsync(sender, cancellationToken);

            // Every message is logged: find out now if it cannot be, before anything is typed.
            options.State.EnsureCreated();
            await state.Messages.CheckRoomForAsync(recipient, body, cancellationToken);
            braked = await RateBrakeAsync(sender, recipient, cancellationToken);
        }
        catch (StateException e)
        {
            throw new StateException($"{e.Message} Nothing was typed into {recipient}'s pane.", e.Origin, e);
        }

        var delivery =
            braked
            ?? await panes.For(peer).TypeAsync(peer, typed, submit, force, cancellationToken);
        var record = new MessageRecord(
            MessageId.New(),
            clock.GetUtcNow(),
            sender.Value,
            recipient.Value,
            body,
            delivery.Delivered,
            delivery.Submitted,
            delivery.Reason,
            parent,
            delivery.Status,
            fromVerified
        );
        try
        {
            // A held message is also kept for the peer's hooks to hand over: one step, under its mailbox lock.
            if (delivery.Status == DeliveryStatus.Held)
                await new HeldQueue(state).HoldAsync(record, cancellationToken);
            else
                await state.Messages.AppendAsync(record, cancellationToken);
        }
        catch (StateException e) when (delivery.Delivered)
        {
            // Rare (the disk filled up between the check and the write), but the caller must not send it again.
            throw new StateException(
                $"The message reached {recipient}'s pane ({delivery.Status.ToWireName()}) but could not be logged "
                    + $"in full, so history or {recipient}'s inbox may lack it. Do not send it again. {e.Message}",
                e.Origin,
                e
            );
        }
        catch (StateException e)
        {
            // Not typed, and not kept either: nothing will bring it to the peer later.
            throw new StateException(
                $"The message was not typed into {recipient}'s pane ({delivery.Status.ToWireName()}) and could not be "
                    + $"logged or kept for later, so it will not reach {recipient}: send it again once the store works. {e.Message}",
                e.Origin,
                e
            );
        }

        await TouchSenderAsync(sender, record.Ts, cancellationToken);
        return new SendResult(
            record.Id,
            record.To,
            record.From,
            record.Ts,
            delivery.Delivered,
            delivery.Submitted,
            delivery.Status,
            delivery.Reason,
            parent
        );
    }

    /// <summary>
    /// One text to several peers (all registered roles but the sender, or the given ones), each to its own
    /// pane and in parallel: one dead pane does not hold up or fail the others.
    /// </summary>
    public async Task<BroadcastResult> BroadcastAsync(
        string? from,
        string? text,
        IReadOnlyList<string>? roles,
        CancellationToken cancellationToken
    )
    {
        var sender = RoleName.Parse(from, "from");
        Arguments.MessageText(text);
        List<string> targets;
        if (roles is { Count: > 0 })
        {
            targets = roles.Select(r => RoleName.Parse(r, "roles").Value).Distinct(StringComparer.Ordinal).ToList();
            foreach (var role in targets)
                await peers.FindAsync(RoleName.Trusted(role), "roles", cancellationToken);
        }
        else
        {
            targets = (await peers.AllAsync(cancellationToken)).Select(p => p.Role).Where(r => r != sender.Value).ToList();
            if (targets.Count == 0)
                throw new BridgeException("No other role is registered: nobody to broadcast to. See {cmd:list_peers}.");
        }

        await VerifySenderAsync(sender, cancellationToken);
        var results = await Task.WhenAll(
            targets.Select(role => SendAsync(role, sender.Value, text, cancellationToken: cancellationToken))
        );
        var delivered = results.Count(r => r.Delivered);
        return new BroadcastResult(delivered, results.Length - delivered, results);
    }

    /// <summary>
    /// The loop brake: at most <see cref="BridgeOptions.MaxPerMinute"/> messages from one role to another in
    /// any 60 s, counted from the recipient's mailbox so that it holds across server processes. Every send
    /// counts whatever became of it, but the brake's own refusals do not, so the time it gives is true.
    /// </summary>
    private async Task<Delivery?> RateBrakeAsync(RoleName sender, RoleName recipient, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var max = options.MaxPerMinute;
        var recent = await state.Messages.SentSinceAsync(
            recipient,
            sender.Value,
            now - Limits.RateWindow,
            max,
            m => m.Status != DeliveryStatus.RefusedRate,
            cancellationToken
        );
        if (recent.Count < max)
            return null;

        // The oldest of the last `max` leaves the window first.
        var again = recent[0].Ts + Limits.RateWindow;
        var wait = Math.Max(1, (int)Math.Ceiling((again - now).TotalSeconds));
        return new Delivery(
            DeliveryStatus.RefusedRate,
            $"{sender} has sent {recipient} {max} messages in the last 60 s, the most allowed "
                + $"(SESSION_BRIDGE_MAX_PER_MINUTE): nothing was typed. Sending to {recipient} works again at "
                + $"{again.UtcDateTime:HH:mm:ss} UTC (in {wait} s). If two sessions keep answering each other, stop "
                + $"and ask the person; {recipient} can read this message with "
                + options.Words.Render($"{{cmd:inbox {recipient}}}.")
        );
    }

    /// <summary>
    /// A session signs as a role of its own pane; a caller without one (the human's command line, a script)
    /// signs with any name that is not another pane's role. True when the name is the caller's pane's own.
    /// </summary>
    private async Task<bool> VerifySenderAsync(RoleName sender, CancellationToken cancellationToken)
    {
        var all = await peers.AllAsync(cancellationToken);
        var mine = await CallerRoles.OfAsync(options, state, all, cancellationToken);
        if (mine.Count > 0)
        {
            if (mine.Contains(sender.Value))
                return true;
            throw new BridgeException(
                $"{{arg:from}} \"{sender}\" is not a role of this session: pane {options.CallerPane} is registered as "
                    + $"{string.Join(", ", mine.Select(r => $"\"{r}\""))}, so sign as "
                    + (mine.Count == 1 ? "that" : "one of those")
                    + ", or {cmd:register} this session as another role first."
            );
        }

        var owner = all.FirstOrDefault(p => p.Role == sender.Value);
        if (owner is not null)
        {
            throw new BridgeException(
                $"{{arg:from}} \"{sender}\" is the role of pane {owner.Pane}, not of this caller: only that session "
                    + "may sign as it. Sign with a name no pane is registered as (\"person\", a script's name)."
            );
        }

        return false;
    }

    private async Task TouchSenderAsync(RoleName sender, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // LastSeen is advisory: refresh it at most every 30 s rather than rewrite the registry on every send.
        try
        {
            var peer = await state.Registry.FindAsync(sender, cancellationToken);
            if (peer is not null && now - peer.LastSeen > TimeSpan.FromSeconds(30))
                await state.Registry.TouchAsync(sender, now, cancellationToken);
        }
        catch (StateException)
        {
            // The message is sent and logged; a lastSeen that could not be refreshed must not turn that into an error.
        }
    }
}
