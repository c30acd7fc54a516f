using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NATS.Client.Core;
using SessionBridge.State;
using SessionBridge.State.Nats;

namespace SessionBridge.Benchmarks;

/// <summary>
/// history(50) and inbox(50) on a team stream of 1,000,000 messages beside the same on one of 10,000: the NATS store
/// reads backwards from the end in windows of sequences, so the stream's size must not show. Each size is its own
/// team (its own stream) on the nats-server at the address given; messages go to three roles in turn, so an inbox is
/// a filtered read.
/// </summary>
internal static class NatsHistoryFigures
{
    private static readonly string[] Roles = ["dev", "gestor", "reviewer"];

    public static async Task RunAsync(string natsUrl, TextWriter output)
    {
        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var folders = new List<DirectoryInfo>();
        var teams = new List<(int Size, StateStore Store, NatsTeam Team, TimeSpan Fill, List<double> History, List<double> Inbox)>();
        try
        {
            foreach (var size in new[] { 10_000, 1_000_000 })
            {
                var folder = Directory.CreateTempSubdirectory("sb-nats-history-");
                folders.Add(folder);
                var variables = new Dictionary<string, string>
                {
                    [NatsSettings.ServersVariable] = natsUrl,
                    [NatsSettings.TeamVariable] = $"bench{run}n{size}",
                    [NatsSettings.HostVariable] = "bench",
                };
                var store = StateStore.Open(new StateDirectory(folder.FullName), TimeSpan.FromSeconds(10), TimeProvider.System, variables.GetValueOrDefault, new NatsBackend());
                // The store's own connection: the raw publishes share it, and it is closed with the store.
                var team = (NatsTeam)store.Connection!;
                teams.Add((size, store, team, await FillAsync(store, team, size), [], []));
            }

            // Rounds alternate between the sizes, so a busy moment of the machine weighs on both alike; the first
            // rounds warm the JIT and the connections and are not counted.
            var dev = RoleName.Parse("dev");
            for (var n = 0; n < 210; n++)
            {
                foreach (var (_, store, _, _, history, inbox) in teams)
                {
                    var clock = Stopwatch.StartNew();
                    var page = await store.Messages.HistoryAsync(50, null, CancellationToken.None);
                    var historyMs = clock.Elapsed.TotalMilliseconds;
                    clock.Restart();
                    var mailbox = await store.Messages.InboxAsync(dev, 50, null, CancellationToken.None);
                    var inboxMs = clock.Elapsed.TotalMilliseconds;
                    if (page.Records.Count != 50 || mailbox.Records.Count != 50)
                        throw new InvalidOperationException($"history(50) gave {page.Records.Count} messages, inbox(50) {mailbox.Records.Count}");
                    if (n < 10)
                        continue;
                    history.Add(historyMs);
                    inbox.Add(inboxMs);
                }
            }
        }
        finally
        {
            foreach (var (_, store, team, _, _, _) in teams)
            {
                await team.JetStream.DeleteStreamAsync(team.Name("messages"));
                await store.DisposeAsync();
            }
            foreach (var folder in folders)
                folder.Delete(recursive: true);
        }

        foreach (var (size, _, _, fill, history, inbox) in teams)
        {
            output.WriteLine(
                $"NATS stream of {size:N0} messages (filled in {fill.TotalSeconds:0.0} s): history(50) median {Median(history):0.00} ms, "
                    + $"p95 {P95(history):0.00} ms; inbox(50) median {Median(inbox):0.00} ms, p95 {P95(inbox):0.00} ms"
            );
        }

        var (small, big) = (teams[0], teams[1]);
        output.WriteLine(
            $"1,000,000 against 10,000: history(50) median {Median(big.History) / Median(small.History):0.00}×, "
                + $"p95 {P95(big.History) / P95(small.History):0.00}×; inbox(50) median {Median(big.Inbox) / Median(small.Inbox):0.00}×, "
                + $"p95 {P95(big.Inbox) / P95(small.Inbox):0.00}×"
        );
    }

    /// <summary>
    /// Publishes <paramref name="size"/> message lines as plain NATS publishes (the stream takes them as it would the
    /// store's own, only without waiting for each acknowledgement), then waits until the stream holds them all.
    /// </summary>
    private static async Task<TimeSpan> FillAsync(StateStore store, NatsTeam team, int size)
    {
        var clock = Stopwatch.StartNew();
        await store.Messages.CheckRoomForAsync(RoleName.Parse("dev"), "", CancellationToken.None); // makes the stream
        var padding = new string('x', 90);
        var start = DateTimeOffset.Parse("2026-12-01T10:00:00Z", CultureInfo.InvariantCulture);
        var serializer = NatsRawSerializer<byte[]>.Default;
        for (var n = 0; n < size; n++)
        {
            var to = Roles[n % Roles.Length];
            var line = new LogLine($"{n:x12}", start.AddMilliseconds(n), "gestor", to, $"message {n} {padding}", true, true, Status: DeliveryStatus.Submitted);
            await team.Connection.PublishAsync(team.Subject("msg", to), JsonSerializer.SerializeToUtf8Bytes(line, StateJsonContext.Files.LogLine), serializer: serializer);
            if (n % 10_000 == 9_999)
                await WaitForAsync(team, (ulong)(n + 1) - 5_000);
        }

        await WaitForAsync(team, (ulong)size);
        return clock.Elapsed;
    }

    private static async Task WaitForAsync(NatsTeam team, ulong count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var stream = await team.JetStream.GetStreamAsync(team.Name("messages"));
            if ((ulong)stream.Info.State.Messages >= count)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the stream holds {stream.Info.State.Messages:N0} of {count:N0} messages");
            await Task.Delay(20);
        }
    }

    private static double Median(List<double> samples) => samples.Order().ElementAt(samples.Count / 2);

    private static double P95(List<double> samples) => samples.Order().ElementAt((int)Math.Ceiling(samples.Count * 0.95) - 1);
}
