using System.Text;
using SessionBridge.State;

namespace SessionBridge.Tests.State;

public sealed class JsonlLogSpecs : IDisposable
{
    private readonly TempDirectory _dir = new("log");

    private JsonlLog Log => new(_dir.Combine("log.jsonl"), TimeSpan.FromSeconds(5));

    private static MessageRecord Message(string text) =>
        new(Guid.NewGuid().ToString("N")[..12], DateTimeOffset.UtcNow, "a", "b", text, true, true);

    private List<string> ReadTexts(int limit = 1000) =>
        [.. Log.ReadLast(limit, StateJsonContext.Files.MessageRecord).Records.Select(m => m.Text)];

    [Fact]
    public async Task I_can_read_the_newest_records_oldest_first()
    {
        for (var i = 0; i < 10; i++)
            await Log.AppendAsync(Message($"m{i}"), StateJsonContext.Files.MessageRecord, TestContext.Current.CancellationToken);

        ReadTexts(3).Should().Equal("m7", "m8", "m9");
    }

    [Fact]
    public async Task Records_longer_than_a_read_chunk_come_back_whole()
    {
        var big = new string('é', 100_000);
        await Log.AppendAsync(Message("small"), StateJsonContext.Files.MessageRecord, TestContext.Current.CancellationToken);
        await Log.AppendAsync(Message(big), StateJsonContext.Files.MessageRecord, TestContext.Current.CancellationToken);
        await Log.AppendAsync(Message("last"), StateJsonContext.Files.MessageRecord, TestContext.Current.CancellationToken);

        ReadTexts().Should().Equal("small", big, "last");
    }

    [Fact]
    public async Task An_unterminated_last_line_is_not_a_record()
    {
        await Log.AppendAsync(Message("whole"), StateJsonContext.Files.MessageRecord, TestContext.Current.CancellationToken);
        File.AppendAllText(Log.Path, "{\"id\":\"x\",\"text\":\"half");

        ReadTexts().Should().Equal("whole");
    }

    [Fact]
    public async Task A_writer_after_a_torn_tail_ends_it_first_so_its_own_line_stays_whole()
    {
        // Regression: a process killed mid-write left "{..." without a newline, and the next line was glued to it.
        await Log.AppendAsync(Message("before"), StateJsonContext.Files.MessageRecord, TestContext.Current.CancellationToken);
        File.AppendAllText(Log.Path, "{\"id\":\"torn\",\"te");

        await Log.AppendAsync(Message("after"), StateJsonContext.Files.MessageRecord, TestContext.Current.CancellationToken);
        var page = Log.ReadLast(10, StateJsonContext.Files.MessageRecord);

        page.Records.Select(m => m.Text).Should().Equal("before", "after");
        page.SkippedCorruptLines.Should().Be(1);
        File.ReadAllText(Log.Path).Should().EndWith("\n");
    }

    [Fact]
    public async Task Corrupt_lines_are_skipped_and_counted()
    {
        await Log.AppendAsync(Message("one"), StateJsonContext.Files.MessageRecord, TestContext.Current.CancellationToken);
        File.AppendAllText(Log.Path, "garbage\n\n[1,2]\n");
        await Log.AppendAsync(Message("two"), StateJsonContext.Files.MessageRecord, TestContext.Current.CancellationToken);

        var page = Log.ReadLast(10, StateJsonContext.Files.MessageRecord);

        page.Records.Select(m => m.Text).Should().Equal("one", "two");
        page.SkippedCorruptLines.Should().Be(2);
    }

    [Fact]
    public void Reading_a_missing_log_gives_nothing()
    {
        ReadTexts().Should().BeEmpty();
    }

    [Fact]
    public async Task A_new_log_is_created_private_to_the_user()
    {
        await Log.AppendAsync(Message("x"), StateJsonContext.Files.MessageRecord, TestContext.Current.CancellationToken);

        File.GetUnixFileMode(Log.Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task The_log_is_utf8_one_record_per_line()
    {
        await Log.AppendAsync(Message("line one\nline two 世界"), StateJsonContext.Files.MessageRecord, TestContext.Current.CancellationToken);

        var bytes = File.ReadAllBytes(Log.Path);
        bytes.Count(b => b == '\n').Should().Be(1);
        Encoding.UTF8.GetString(bytes).Should().Contain("世界");
    }

    public void Dispose() => _dir.Dispose();
}
