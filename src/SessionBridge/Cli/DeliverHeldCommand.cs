using System.CommandLine;
using SessionBridge.Bridge;
using SessionBridge.Held;

namespace SessionBridge.Server.Cli;

/// <summary>
/// <c>session-bridge deliver-held --pane %N</c>, hidden: started detached by a peer's Stop hook when messages
/// are held for its role. Waits for the prompt to be free and types them. Says nothing: nobody reads it.
/// </summary>
internal static class DeliverHeldCommand
{
    public static Command Create(CliContext context)
    {
        var pane = new Option<string>(DeliverHeld.PaneOption) { Description = "The pane whose role's held messages to type.", Required = true };
        var wait = new Option<int>("--wait-s") { Description = "How long to wait for the prompt to be free.", DefaultValueFactory = _ => Limits.DefaultDeliverHeldWaitSeconds };
        var command = new Command(DeliverHeld.Command, "Type the messages held for a pane's role once its prompt is free.") { pane, wait };
        command.Hidden = true;
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var seconds = Math.Clamp(result.GetValue(wait), 1, Limits.MaxDeliverHeldWaitSeconds);
            await context.Bridge.Held.DeliverAsync(
                result.GetValue(pane)!,
                context.Options.CallerSocket,
                TimeSpan.FromSeconds(seconds),
                cancellationToken
            );
            return ExitCodes.Ok;
        }));
        return command;
    }
}
