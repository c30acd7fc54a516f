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
    public void I_can_read_the_newest_records_oldest_first()
    {
        for (var i = 0; i < 10; i++)
            Log.Append(Message($"m{i}"), StateJsonContext.Files.MessageRecord);

        ReadTexts(3).Should().Equal("m7", "m8", "m9");
    }

    [Fact]
    public void Records_longer_than_a_read_chunk_come_back_whole()
    {
        var big = new string('é', 100_000);
        Log.Append(Message("small"), StateJsonContext.Files.MessageRecord);
        Log.Append(Message(big), StateJsonContext.Files.MessageRecord);
        Log.Append(Message("last"), StateJsonContext.Files.MessageRecord);

        ReadTexts().Should().Equal("small", big, "last");
    }

    [Fact]
    public void An_unterminated_last_line_is_not_a_record()
    {
        Log.Append(Message("whole"), StateJsonContext.Files.MessageRecord);
        File.AppendAllText(Log.Path, "{\"id\":\"x\",\"text\":\"half");

        ReadTexts().Should().Equal("whole");
    }

    [Fact]
    public void A_writer_after_a_torn_tail_ends_it_first_so_its_own_line_stays_whole()
    {
        // Regression: a process killed mid-write left "{..." without a newline, and the next line was glued to it.
        Log.Append(Message("before"), StateJsonContext.Files.MessageRecord);
        File.AppendAllText(Log.Path, "{\"id\":\"torn\",\"te");

        Log.Append(Message("after"), StateJsonContext.Files.MessageRecord);
        var page = Log.ReadLast(10, StateJsonContext.Files.MessageRecord);

        page.Records.Select(m => m.Text).Should().Equal("before", "after");
        page.SkippedCorruptLines.Should().Be(1);
        File.ReadAllText(Log.Path).Should().EndWith("\n");
    }

    [Fact]
    public void Corrupt_lines_are_skipped_and_counted()
    {
        Log.Append(Message("one"), StateJsonContext.Files.MessageRecord);
        File.AppendAllText(Log.Path, "garbage\n\n[1,2]\n");
        Log.Append(Message("two"), StateJsonContext.Files.MessageRecord);

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
    public void A_new_log_is_created_private_to_the_user()
    {
        Log.Append(Message("x"), StateJsonContext.Files.MessageRecord);

        File.GetUnixFileMode(Log.Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void The_log_is_utf8_one_record_per_line()
    {
        Log.Append(Message("line one\nline two 世界"), StateJsonContext.Files.MessageRecord);

        var bytes = File.ReadAllBytes(Log.Path);
        bytes.Count(b => b == '\n').Should().Be(1);
        Encoding.UTF8.GetString(bytes).Should().Contain("世界");
    }

    public void Dispose() => _dir.Dispose();
}
