using SessionBridge.Bridge.Results;
using SessionBridge.Screens;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Bridge;

/// <summary>
/// respond: presses keys in a peer's pane, or, given an option, reads the menu on its screen and presses the
/// arrows from the cursor to that option, then Enter. Either way the screen is read afterwards and its
/// state returned.
/// </summary>
internal sealed class MenuAnswering(BridgeOptions options, PeerDirectory peers, PaneTargeting targeting)
{
    public async Task<RespondResult> RespondAsync(
        string? role,
        IReadOnlyList<string>? keys,
        string? option,
        CancellationToken cancellationToken
    )
    {
        var name = RoleName.Parse(role);
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

        var tokens = byOption ? [] : keys!.Select(KeyToken.Parse).ToList();
        var peer = peers.Find(name, "role");
        var tmux = options.Tmux(peer.Socket);
        using var held = PaneLock.Acquire(options.State, peer.Socket, peer.Pane, options.PaneLockTimeout);
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

            await PressAsync(tmux, peer.Pane, tokens, cancellationToken);
            await Task.Delay(options.VerifyDelay, cancellationToken);
            var after = ScreenClassifier.Classify(await tmux.CaptureAsync(peer.Pane, 0, cancellationToken));
            return new RespondResult(name.Value, Names(tokens), true, null, chosen, after.State);
        }
        catch (TmuxException e)
        {
            return new RespondResult(name.Value, Names(tokens), false, $"tmux failed while sending keys: {e.Message}");
        }
    }

    private async Task PressAsync(TmuxClient tmux, string pane, List<KeyToken> tokens, CancellationToken cancellationToken)
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
