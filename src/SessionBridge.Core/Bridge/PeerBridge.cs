using SessionBridge.Bridge.Results;
using SessionBridge.Screens;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Bridge;

/// <summary>
/// The use cases behind the twelve tools. Plain code over the state store and tmux: callers' mistakes
/// are <see cref="BridgeException"/>s, unreadable state a <see cref="StateException"/>, and a registered
/// target that cannot be typed into is a result with <c>delivered:false</c>, never an exception.
/// </summary>
internal sealed partial class PeerBridge
{
    public const int MaxTextLength = 200_000;
    public const int MaxPromptLength = 100_000;
    public const int MaxScrollback = 10_000;
    public const int MaxLimit = 1_000;
    public const int DefaultLimit = 20;
    public const int DefaultReadLines = 50;
    public const int DefaultDetectLines = 20;

    private readonly BridgeOptions _options;
    private readonly TimeProvider _clock;

    public PeerBridge(BridgeOptions options, TimeProvider? clock = null)
    {
        _options = options;
        _clock = clock ?? TimeProvider.System;
        State = new StateStore(options.State, options.StateLockTimeout);
    }

    public StateStore State { get; }

    public async Task<RegisterResult> RegisterAsync(
        string? role,
        string? pane,
        CancellationToken cancellationToken = default
    )
    {
        var name = RoleName.Parse(role);
        var target = pane ?? _options.CallerPane;
        if (string.IsNullOrWhiteSpace(target))
        {
            throw new BridgeException(
                "No pane was given and $TMUX_PANE is not set: this session is not running inside tmux. Start "
                    + "Claude Code inside a tmux pane and register again, or pass 'pane' (for example \"%3\")."
            );
        }

        PaneId.Parse(target);
        var tmux = Tmux(_options.CallerSocket);
        var probe = await InspectAsync(tmux, target, cancellationToken);
        if (probe.Pane is not { } info)
        {
            throw new BridgeException(
                $"Cannot register \"{name}\" on pane {target}: {probe.Problem}. Check the pane id with "
                    + "`tmux list-panes -a -F '#{pane_id} #{pane_current_command}'`, or leave 'pane' out."
            );
        }

        if (info.Dead)
            throw new BridgeException($"Cannot register \"{name}\" on pane {target}: the pane is dead.");

        EnsureState();
        var now = _clock.GetUtcNow();
        var registration = new PeerRegistration(
            name.Value,
            target,
            tmux.Socket,
            info.ServerPid,
            info.PanePid,
            string.IsNullOrEmpty(info.CurrentPath) ? null : info.CurrentPath,
            now,
            now
        );

        var before = State.Registry.All();
        State.Registry.Save(registration);
        var previous = before.FirstOrDefault(p => p.Role == name.Value);
        var movedFrom = previous is not null && previous.Pane != target ? previous.Pane : null;
        var alsoHere = before
            .Where(p => p.Role != name.Value && p.Pane == target && p.Socket == tmux.Socket)
            .Select(p => p.Role)
            .ToList();
        return new RegisterResult(name.Value, target, tmux.Socket, registration.Cwd, now, movedFrom, alsoHere);
    }

    public async Task<ListPeersResult> ListPeersAsync(CancellationToken cancellationToken = default)
    {
        var peers = State.Registry.All();
        var views = await Task.WhenAll(
            peers.Select(async peer =>
            {
                var check = await CheckTargetAsync(peer, cancellationToken);
                return new PeerView(
                    peer.Role,
                    peer.Pane,
                    peer.Cwd,
                    peer.RegisteredAt,
                    peer.LastSeen,
                    check.Problem is null,
                    check.Status,
                    check.Problem,
                    await LiveStateAsync(peer, check, cancellationToken)
                );
            })
        );
        return new ListPeersResult(views);
    }

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
        var body = CleanText(text);
        var parent = MessageId.ParseOptional(replyTo, "reply_to");
        var peer = FindPeer(recipient, "to");
        var typed = tag ? $"[from:{sender}] {body}" : body;

        // Every message is logged: find out now if it cannot be, before anything is typed.
        EnsureState();
        try
        {
            State.Messages.CheckRoomFor(recipient, System.Text.Encoding.UTF8.GetByteCount(body));
        }
        catch (StateException e)
        {
            throw new StateException($"{e.Message} Nothing was typed into {recipient}'s pane.", e.Path, e);
        }

        var delivery = await DeliverAsync(peer, typed, submit, force, cancellationToken);
        var record = new MessageRecord(
            NewMessageId(),
            _clock.GetUtcNow(),
            sender.Value,
            recipient.Value,
            body,
            delivery.Delivered,
            delivery.Submitted,
            delivery.Reason,
            parent,
            delivery.Status
        );
        try
        {
            State.Messages.Append(record);
        }
        catch (StateException e) when (delivery.Delivered)
        {
            // Rare (the disk filled up between the check and the write), but the caller must not send it again.
            throw new StateException(
                $"The message reached {recipient}'s pane ({delivery.Status}) but could not be logged in full, so "
                    + $"history or {recipient}'s inbox may lack it. Do not send it again. {e.Message}",
                e.Path,
                e
            );
        }

        TouchSender(sender, record.Ts);
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

    public async Task<ReadPeerResult> ReadPeerAsync(
        string? role,
        int? lines = null,
        CancellationToken cancellationToken = default
    )
    {
        var name = RoleName.Parse(role);
        var scrollback = CheckRange(lines ?? DefaultReadLines, "lines", 0, MaxScrollback);
        var peer = FindPeer(name, "role");
        var screen = await CaptureAsync(peer, scrollback, cancellationToken);
        return new ReadPeerResult(name.Value, peer.Pane, scrollback, screen);
    }

    public async Task<DetectQuestionResult> DetectQuestionAsync(
        string? role,
        int? lines = null,
        CancellationToken cancellationToken = default
    )
    {
        var name = RoleName.Parse(role);
        var scrollback = CheckRange(lines ?? DefaultDetectLines, "lines", 0, MaxScrollback);
        var peer = FindPeer(name, "role");
        var screen = await CaptureAsync(peer, scrollback, cancellationToken);
        var reading = ScreenClassifier.Classify(screen);
        return new DetectQuestionResult(
            name.Value,
            reading.State.ToWireName(),
            reading.Heading,
            reading.State == ScreenState.WaitingSelect ? reading.Options : null,
            reading.Question,
            reading.Rule,
            reading.Matched
        );
    }

    public MessagesResult History(int? limit = null, string? role = null)
    {
        var count = CheckRange(limit ?? DefaultLimit, "limit", 1, MaxLimit);
        RoleName? filter = role is null ? null : RoleName.Parse(role);
        var page = State.Messages.History(count, filter);
        return new MessagesResult(page.Records, page.SkippedCorruptLines);
    }

    public PromptResult SetPrompt(string? role, string? prompt)
    {
        var name = RoleName.Parse(role);
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new BridgeException(
                "'prompt' is empty. Give the role's standing briefing; to forget a prompt use delete_prompt."
            );
        }

        if (prompt.Length > MaxPromptLength)
        {
            throw new BridgeException(
                $"'prompt' has {prompt.Length} characters; {MaxPromptLength} at most. Claude Code keeps about "
                    + "10,000 characters of hook context, so keep the briefing short and point to files for the rest."
            );
        }

        EnsureState();
        var saved = new SavedPrompt(name.Value, prompt, _clock.GetUtcNow());
        State.Prompts.Save(saved);
        return new PromptResult(true, saved.Role, saved.Prompt, saved.UpdatedAt);
    }

    public PromptResult GetPrompt(string? role)
    {
        var name = RoleName.Parse(role);
        var saved = State.Prompts.Find(name);
        return saved is null
            ? new PromptResult(false, name.Value, null, null)
            : new PromptResult(true, saved.Role, saved.Prompt, saved.UpdatedAt);
    }

    public ListPromptsResult ListPrompts() => new(State.Prompts.All());

    public DeletePromptResult DeletePrompt(string? role)
    {
        var name = RoleName.Parse(role);
        EnsureState();
        return new DeletePromptResult(name.Value, State.Prompts.Delete(name));
    }

    private PeerRegistration FindPeer(RoleName role, string argument)
    {
        var peer = State.Registry.Find(role);
        if (peer is not null)
            return peer;

        var known = State.Registry.All().Select(p => p.Role).ToList();
        var list = known.Count == 0 ? "no role is registered yet" : "registered: " + string.Join(", ", known);
        throw new BridgeException(
            $"'{argument}' \"{role}\" is not registered ({list}). The session playing \"{role}\" must call "
                + $"register(\"{role}\") first; list_peers shows who is there."
        );
    }

    private async Task<TargetCheck> CheckTargetAsync(PeerRegistration peer, CancellationToken cancellationToken)
    {
        PaneProbe probe;
        try
        {
            probe = await Tmux(peer.Socket).InspectAsync(peer.Pane, cancellationToken);
        }
        catch (TmuxException e)
        {
            return new TargetCheck("gone", $"{e.Message} Nothing was typed into {peer.Role}'s pane.");
        }

        var role = peer.Role;
        if (probe.Pane is not { } info)
        {
            return new TargetCheck(
                "gone",
                $"{role}'s pane {peer.Pane} is gone ({probe.Problem}): re-register {role} from its session; "
                    + $"{role} can still read the message with inbox."
            );
        }

        if ((peer.ServerPid is { } server && server != info.ServerPid)
            || (peer.PanePid is { } pid && pid != info.PanePid))
        {
            return new TargetCheck(
                "stale",
                $"{role}'s registration is stale: pane {peer.Pane} now belongs to another program (tmux was "
                    + $"restarted or the pane was replaced). Re-register {role} from its session; nothing was typed."
            );
        }

        if (info.Dead)
        {
            return new TargetCheck(
                "dead",
                $"{role}'s pane {peer.Pane} is dead (its program exited): restart Claude Code there and "
                    + $"re-register {role}; {role} can still read the message with inbox."
            );
        }

        if (info.InMode)
        {
            return new TargetCheck(
                "copy_mode",
                $"{role}'s pane {peer.Pane} is in copy mode, which would swallow the keys: ask the human to "
                    + "press q in that pane, then try again."
            );
        }

        if (PaneProcesses.IsShell(info.CurrentCommand) && !PaneProcesses.HasClaudeCode(info.PanePid))
        {
            return new TargetCheck(
                "shell",
                $"{role}'s pane {peer.Pane} shows a {info.CurrentCommand} prompt, not Claude Code: typing would "
                    + $"run the text as a shell command. Start Claude Code there and re-register {role}."
            );
        }

        return new TargetCheck("alive", null);
    }

    /// <summary>busy, idle, waiting_select… from one screen read; for a pane that is not alive, its status.</summary>
    private async Task<string> LiveStateAsync(PeerRegistration peer, TargetCheck check, CancellationToken cancellationToken)
    {
        if (check.Status is "gone" or "stale" or "dead")
            return check.Status;
        try
        {
            var screen = await Tmux(peer.Socket).CaptureAsync(peer.Pane, 0, cancellationToken);
            return ScreenClassifier.Classify(screen).State.ToWireName();
        }
        catch (TmuxException)
        {
            return "unknown";
        }
    }

    private async Task<string> CaptureAsync(PeerRegistration peer, int scrollback, CancellationToken cancellationToken)
    {
        var check = await CheckTargetAsync(peer, cancellationToken);
        // Reading is harmless in a shell or copy mode, but never read a stranger's pane.
        if (check.Status is "gone" or "stale")
            throw new BridgeException($"Cannot read {peer.Role}'s screen: {check.Problem}");
        try
        {
            return await Tmux(peer.Socket).CaptureAsync(peer.Pane, scrollback, cancellationToken);
        }
        catch (TmuxException e)
        {
            throw new BridgeException($"Cannot read {peer.Role}'s screen: {e.Message}");
        }
    }

    private static async Task<PaneProbe> InspectAsync(TmuxClient tmux, string pane, CancellationToken cancellationToken)
    {
        try
        {
            return await tmux.InspectAsync(pane, cancellationToken);
        }
        catch (TmuxException e)
        {
            return PaneProbe.Missing(e.Message);
        }
    }

    private static string CleanText(string? text)
    {
        if (text is not null && text.Length > MaxTextLength)
        {
            throw new BridgeException(
                $"'text' has {text.Length} characters; {MaxTextLength} at most. Write long material to a file "
                    + "and send its path instead."
            );
        }

        var body = text is null ? "" : PasteText.Clean(text);
        if (body.Trim().Length == 0)
            throw new BridgeException("'text' is empty (after removing control characters): nothing to send.");
        return body;
    }

    private static int CheckRange(int value, string argument, int min, int max)
    {
        if (value < min || value > max)
            throw new BridgeException($"'{argument}' is {value}; give a number from {min} to {max}.");
        return value;
    }

    private void TouchSender(RoleName sender, DateTimeOffset now)
    {
        // LastSeen is advisory: refresh it at most every 30 s rather than rewrite the registry on every send.
        try
        {
            var peer = State.Registry.Find(sender);
            if (peer is not null && now - peer.LastSeen > TimeSpan.FromSeconds(30))
                State.Registry.Touch(sender, now);
        }
        catch (StateException)
        {
            // The message is sent and logged; a lastSeen that could not be refreshed must not turn that into an error.
        }
    }

    private void EnsureState() => _options.State.EnsureCreated();

    private TmuxClient Tmux(string? socket) => new(socket, _options.TmuxTimeout);

    private static string NewMessageId() => MessageId.New();

    private sealed record TargetCheck(string Status, string? Problem);
}
