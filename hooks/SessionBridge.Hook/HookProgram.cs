using SessionBridge.Bridge;
using SessionBridge.Startup;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Hook;

/// <summary>
/// The hook, given the store shared across machines the program links in: session-bridge-hook runs it with none (no NATS
/// client), session-bridge-nats (as <c>session-bridge-nats hook</c>) with the NATS store.
/// </summary>
internal static class HookProgram
{
    public static async Task<int> RunAsync(IRemoteStore? remote)
    {
        // Never exit non-zero and never print anything but our JSON: Claude Code shows a failing hook to the user.
        try
        {
            Func<string, string?> environment = Environment.GetEnvironmentVariable;
            // A bad setting is told on stderr and that setting keeps its default: the hook never fails Claude Code.
            var settings = BridgeSettings.ReadOrDefault(environment, problem => Console.Error.WriteLine($"session-bridge-hook: {problem}"));
            // The hook's one clock: presence times and the held handover read "now" from it.
            var clock = TimeProvider.System;
            var pane = environment("TMUX_PANE");
            // Outside tmux there is no pane to restore or to record: do not even read stdin.
            if (string.IsNullOrWhiteSpace(pane) || !PaneId.IsValid(pane))
                return 0;

            var input = HookStdin.Read(Console.OpenStandardInput());
            if (input is null)
                return 0;
            var here = new HookPane(pane, settings.Variables);

            var cancellationToken = CancellationToken.None;
            try
            {
                await PresenceHook.RecordAsync(input, here, settings, clock, cancellationToken);
            }
            catch (Exception e)
            {
                // Presence is a hint the screen checks: failing to record it must not cost the SessionStart restore.
                Console.Error.WriteLine($"session-bridge-hook: presence not recorded: {e.GetType().Name}: {e.Message}");
            }

            // The one store of this run (the NATS store's connection with it), closed when the run ends. A handover or a
            // request waits on a lock at most 2 s: hooks must stay quick.
            var directory = HookTeam.Directory(settings, input);
            try
            {
                await TeamsUpgrade.EnsureAsync(directory, Timings.HookLockWait, cancellationToken);
            }
            catch (Exception e)
            {
                // The next program to open the directory upgrades it; this event goes on with what it finds.
                Console.Error.WriteLine($"session-bridge-hook: state directory not upgraded: {e.GetType().Name}: {e.Message}");
            }

            await using var state = StateStore.Open(directory, Timings.HookLockWait, clock, environment, remote);

            // A supervised peer's PermissionRequest waits here for its supervisor's decision; other events end what the
            // person answered on screen. Neither hands over held messages nor restores a briefing.
            if (input.Event == HookEventName.PermissionRequest)
            {
                try
                {
                    if (await SupervisionHook.OnPermissionRequestAsync(state, input, here, settings, clock, cancellationToken) is { } decision)
                        Console.Out.Write(decision);
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine($"session-bridge-hook: permission request not supervised: {e.GetType().Name}: {e.Message}");
                }

                return 0;
            }

            try
            {
                await SupervisionHook.OnEventAsync(state, input, here, settings, clock, cancellationToken);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"session-bridge-hook: permission requests not ended: {e.GetType().Name}: {e.Message}");
            }

            string? briefing = null;
            try
            {
                briefing = await SessionStartHook.BriefingAsync(state, input, here, cancellationToken);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"session-bridge-hook: briefing not restored: {e.GetType().Name}: {e.Message}");
            }

            string? held = null;
            try
            {
                // Claude Code keeps only so much of one hook's context: the briefing and the held messages share it. What
                // does not fit stays held (the next hook or the deliverer hands it over), never cut off unseen.
                var room = SessionStartContext.MaxLength - (briefing is null ? 0 : briefing.Length + 2);
                held = await HeldHook.RunAsync(state, input, here, settings, room, clock, cancellationToken);
            }
            catch (Exception e)
            {
                // Nothing was claimed, or the claim is logged and this process failed after it: either way, no output.
                Console.Error.WriteLine($"session-bridge-hook: held messages not handed over: {e.GetType().Name}: {e.Message}");
            }

            var context = briefing is null ? held : held is null ? briefing : briefing + "\n\n" + held;
            if (context is not null)
            {
                var name = (input.Event ?? HookEventName.SessionStart).ToWireName();
                using var stdout = Console.OpenStandardOutput();
                HookOutput.Write(stdout, name, context);
            }
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"session-bridge-hook: {e.GetType().Name}: {e.Message}");
        }

        return 0;
    }
}
