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
        command.SetAction((result, _) => CommandRunner.RunAsync(context, () =>
        {
            var options = context.Options;
            options.State.EnsureCreated();
            if (options.Remote?.Open(options.State, options.StateLockTimeout, context.Bridge.Clock, options.GetVariable) is not { } nats)
            {
                return Task.FromResult(CommandRunner.Fail(
                    context,
                    $"migrate copies between the state directory and NATS, and {StateStore.RemoteVariable} is not set. Set it "
                        + "(nats://user:password@host:4222) and SESSION_BRIDGE_TEAM, then run migrate again."
                ));
            }

            var files = new StateStore(options.State, options.StateLockTimeout, context.Bridge.Clock);
            var (source, destination) = result.GetValue(to) == "nats" ? (files, nats) : (nats, files);

            var holdings = StoreCopy.Holdings(destination);
            if (holdings.Count > 0 && !result.GetValue(force))
            {
                return Task.FromResult(CommandRunner.Fail(
                    context,
                    $"{destination.Location} is not empty: it holds {string.Join(", ", holdings)}. Nothing was copied. Give --force "
                        + "to copy into it anyway (what is there stays, and a line already there is not copied twice)."
                ));
            }

            var copied = new StoreCopy(source, destination).Copy();
            if (result.GetValue(json))
                context.WriteJson(new MigrationResult(source.Location, destination.Location, copied));
            else
                context.Console.MarkupLineInterpolated($"[green]copied[/] {source.Location} to {destination.Location}: {copied.Describe()}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
