using System.CommandLine;
using SessionBridge.Migration;
using SessionBridge.State;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>
/// <c>session-bridge migrate --to nats|files</c>: copies the state directory (SESSION_BRIDGE_DIR) into the team's buckets
/// and stream on NATS (SESSION_BRIDGE_NATS, SESSION_BRIDGE_TEAM), or back. Refuses a destination that holds anything
/// unless --force; a re-run copies nothing twice.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliContext context)
    {
        var to = new Option<string>("--to")
        {
            Description = "nats: copy the state directory into the team's store on NATS; files: copy the team's store on NATS into the state directory.",
            Required = true,
        };
        to.AcceptOnlyFromAmong("nats", "files");
        var force = new Option<bool>("--force") { Description = "Copy into a destination that already holds state (what is there stays; nothing is copied twice)." };
        var json = CommonOptions.Json();
        var command = new Command(
            "migrate",
            "Copy the team's shared state between the state directory and NATS (SESSION_BRIDGE_NATS): registrations, prompts, "
                + "sessions, supervision, requests, the conversation and mailboxes, read marks and held messages. Stop the team first."
        )
        {
            to,
            force,
            json,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var options = context.Options;
            if (options.Remote is null || context.Bridge.State.Kind != StateStoreKind.Nats)
            {
                return CommandRunner.Fail(
                    context,
                    $"migrate copies between the state directory and NATS, and {StateStore.RemoteVariable} is not set. Set it "
                        + "(nats://user:password@host:4222) and SESSION_BRIDGE_TEAM, then run migrate again."
                );
            }

            options.State.EnsureCreated();
            var files = new StateStore(options.State, options.StateLockTimeout, context.Bridge.Clock);
            // The use cases' store is the NATS store when SESSION_BRIDGE_NATS is set: its connection is the process's one.
            var nats = context.Bridge.State;
            var (source, destination) = result.GetValue(to) == "nats" ? (files, nats) : (nats, files);

            var holdings = await StoreCopy.HoldingsAsync(destination, ct);
            if (holdings.Count > 0 && !result.GetValue(force))
            {
                return CommandRunner.Fail(
                    context,
                    $"{destination.Location} is not empty: it holds {string.Join(", ", holdings)}. Nothing was copied. Give --force "
                        + "to copy into it anyway (what is there stays, and a line already there is not copied twice)."
                );
            }

            var copied = await new StoreCopy(source, destination).CopyAsync(ct);
            if (result.GetValue(json))
                context.WriteJson(new MigrationResult(source.Location, destination.Location, copied));
            else
                context.Console.MarkupLineInterpolated($"[green]copied[/] {source.Location} to {destination.Location}: {copied.Describe()}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
