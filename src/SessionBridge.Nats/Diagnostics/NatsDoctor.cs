using System.Diagnostics;
using NATS.Client.Core;
using NATS.Client.JetStream;
using SessionBridge.State.Nats;

namespace SessionBridge.Diagnostics;

/// <summary>
/// <c>session-bridge doctor</c>'s checks of the team's shared state on NATS: the connection (servers, team, host), JetStream,
/// the team's buckets and stream, and the round-trip time. Each step needs the one before: a failed step ends the list,
/// saying what to do, within <see cref="NatsTeam.CallTimeout"/>.
/// </summary>
/// <param name="connection">The store's own connection, when the process has one open: one connection per process.</param>
internal sealed class NatsDoctor(NatsSettings settings, NatsTeam? connection = null)
{
    /// <summary>Pings per figure: the median of a few, so one slow answer on a busy machine does not decide.</summary>
    private const int Pings = 5;

    /// <summary>A send makes a handful of round trips to the store: above this, the team feels slow.</summary>
    private static readonly TimeSpan SlowRoundTrip = TimeSpan.FromMilliseconds(100);

    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(CancellationToken cancellationToken = default)
    {
        // A connection of its own only when the process has none, closed when the checks end.
        await using var owned = connection is null ? new NatsTeam(settings) : null;
        var team = connection ?? owned!;
        var checks = new List<DoctorCheck> { await ConnectAsync(team, cancellationToken) };
        if (checks[^1].Outcome == CheckOutcome.Failed)
            return checks;
        checks.Add(await JetStreamAsync(team, cancellationToken));
        if (checks[^1].Outcome == CheckOutcome.Failed)
            return checks;
        checks.Add(await TeamStateAsync(team, cancellationToken));
        checks.Add(await RoundTripAsync(team, cancellationToken));
        return checks;
    }

    private async Task<DoctorCheck> ConnectAsync(NatsTeam team, CancellationToken cancellationToken)
    {
        const string name = "NATS connection";
        var where = $"{settings.Describe()}, this host \"{settings.Host}\"";
        try
        {
            await WithinCallTimeout(async token => await team.Connection.ConnectAsync().AsTask().WaitAsync(token), cancellationToken);
            var server = team.Connection.ServerInfo;
            var login = settings.User is { } user ? $" as user {user}"
                : settings.Token is not null ? " with a token"
                : settings.CredsFile is not null ? $" with {settings.CredsFile}"
                : " without credentials";
            return new DoctorCheck(name, CheckOutcome.Ok, $"{where}: connected to nats-server {server?.Version ?? "?"}{login}");
        }
        catch (Exception e) when (NatsFailure.Classify(e).Kind == NatsFailureKind.Refused)
        {
            return new DoctorCheck(
                name,
                CheckOutcome.Failed,
                $"{where}: the server refused the login ({Innermost(e).Message})",
                $"Check the user and password (nats://user:password@host:4222) or token in {NatsSettings.ServersVariable}, "
                    + $"or the file {NatsSettings.CredsVariable} names, against the server's configuration."
            );
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException or TimeoutException)
        {
            return new DoctorCheck(
                name,
                CheckOutcome.Failed,
                $"{where}: no answer ({Why(e)})",
                $"Start nats-server with JetStream there (nats-server -js, or jetstream {{}} in its configuration), check "
                    + $"{NatsSettings.ServersVariable} and that the port is open from this machine; unset {NatsSettings.ServersVariable} to use the local files."
            );
        }
    }

    private static async Task<DoctorCheck> JetStreamAsync(NatsTeam team, CancellationToken cancellationToken)
    {
        const string name = "JetStream";
        try
        {
            var account = await WithinCallTimeout(token => team.JetStream.GetAccountInfoAsync(token).AsTask(), cancellationToken);
            return new DoctorCheck(
                name,
                CheckOutcome.Ok,
                $"enabled: this account holds {account.Streams:N0} streams and buckets, {account.Storage:N0} bytes on disk"
            );
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException or TimeoutException)
        {
            return new DoctorCheck(
                name,
                CheckOutcome.Failed,
                $"not available to this account ({Why(e)}): the team's buckets and stream live in JetStream",
                "Start nats-server with -js (or jetstream { store_dir: … } in its configuration), and give the account JetStream if it uses accounts."
            );
        }
    }

    // The team's buckets are JetStream streams named KV_sb_<team>_<name>; its own streams are sb_<team>_<name>.
    private static async Task<DoctorCheck> TeamStateAsync(NatsTeam team, CancellationToken cancellationToken)
    {
        const string name = "team state";
        var prefix = team.Name("");
        try
        {
            var found = await WithinCallTimeout(
                async token =>
                {
                    var streams = new List<(string Name, bool Bucket, long Messages)>();
                    await foreach (var stream in team.JetStream.ListStreamsAsync(cancellationToken: token))
                    {
                        var streamName = stream.Info.Config.Name ?? "";
                        if (streamName.StartsWith("KV_" + prefix, StringComparison.Ordinal))
                            streams.Add((streamName[("KV_" + prefix).Length..], true, stream.Info.State.Messages));
                        else if (streamName.StartsWith(prefix, StringComparison.Ordinal))
                            streams.Add((streamName[prefix.Length..], false, stream.Info.State.Messages));
                    }

                    return streams;
                },
                cancellationToken
            );
            if (found.Count == 0)
            {
                return new DoctorCheck(
                    name,
                    CheckOutcome.Ok,
                    $"team {team.Settings.Team} has nothing on the server yet: its buckets and stream are made on first use"
                );
            }

            var buckets = found.Where(f => f.Bucket).OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => $"{f.Name} ({Count(f.Messages, "key")})");
            var streamsText = found.Where(f => !f.Bucket).OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => $"{f.Name} ({Count(f.Messages, "message")})");
            var parts = new List<string>();
            if (buckets.Any())
                parts.Add("buckets " + string.Join(", ", buckets));
            if (streamsText.Any())
                parts.Add("stream " + string.Join(", ", streamsText));
            return new DoctorCheck(name, CheckOutcome.Ok, $"team {team.Settings.Team}: {string.Join("; ", parts)}; anything else is made on first use");
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException or TimeoutException)
        {
            return new DoctorCheck(
                name,
                CheckOutcome.Failed,
                $"cannot list the team's buckets and stream ({Why(e)})",
                "Give this user the JetStream API ($JS.API.>) in the server's permissions."
            );
        }
    }

    private static async Task<DoctorCheck> RoundTripAsync(NatsTeam team, CancellationToken cancellationToken)
    {
        const string name = "NATS round trip";
        try
        {
            var (ping, jetStream) = await WithinCallTimeout(
                async token =>
                {
                    var pings = new List<TimeSpan>();
                    var calls = new List<TimeSpan>();
                    for (var i = 0; i < Pings; i++)
                    {
                        pings.Add(await team.Connection.PingAsync(token));
                        var started = Stopwatch.GetTimestamp();
                        await team.JetStream.GetAccountInfoAsync(token);
                        calls.Add(Stopwatch.GetElapsedTime(started));
                    }

                    return (Median(pings), Median(calls));
                },
                cancellationToken
            );
            var detail = $"ping {Milliseconds(ping)}, a JetStream call {Milliseconds(jetStream)} (median of {Pings})";
            return jetStream <= SlowRoundTrip
                ? new DoctorCheck(name, CheckOutcome.Ok, detail)
                : new DoctorCheck(
                    name,
                    CheckOutcome.Warning,
                    $"{detail}: a send makes several calls, so the team will feel slow",
                    "Run nats-server close to the team's machines (same network or region)."
                );
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException or TimeoutException)
        {
            return new DoctorCheck(name, CheckOutcome.Failed, $"no answer ({Why(e)})", "Check the network between this machine and the NATS server.");
        }
    }

    private static async Task<T> WithinCallTimeout<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(NatsTeam.CallTimeout);
        try
        {
            return await call(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {NatsTeam.CallTimeout.TotalSeconds:0} s");
        }
    }

    private static async Task WithinCallTimeout(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await WithinCallTimeout(
            async token =>
            {
                await call(token);
                return true;
            },
            cancellationToken
        );

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    private static string Why(Exception e) => Innermost(e).Message.TrimEnd('.');

    private static TimeSpan Median(List<TimeSpan> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string Count(long count, string noun) => $"{count:N0} {noun}{(count == 1 ? "" : "s")}";

    private static string Milliseconds(TimeSpan value) => $"{value.TotalMilliseconds:0.0} ms";
}
