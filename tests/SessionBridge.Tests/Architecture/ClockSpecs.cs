using System.Text.RegularExpressions;

namespace SessionBridge.Tests.Architecture;

/// <summary>
/// One clock everywhere: every "now" of the product comes from the TimeProvider its composition root passes, so a spec
/// can move time and two parts never disagree about it. The check is textual, over every .cs file of src/ and hooks/,
/// comments included.
/// </summary>
public sealed partial class ClockSpecs
{
    // DateTime.Now, DateTime.UtcNow, DateTime.Today, DateTimeOffset.Now, DateTimeOffset.UtcNow.
    [GeneratedRegex(@"\bDateTime(Offset)?\.(UtcNow|Now|Today)\b")]
    private static partial Regex SystemClock();

    [Fact]
    public void No_source_of_the_server_the_core_or_the_hook_reads_the_system_clock_but_through_the_TimeProvider()
    {
        // Arrange
        var files = SourceFiles.Product();

        // Act
        var found = SourceFiles.LinesMatching(files, SystemClock());

        // Assert
        files.Should().NotBeEmpty("the sources are found from the repository root");
        found.Should().BeEmpty("time comes from the TimeProvider the composition root passes (clock.GetUtcNow())");
    }
}
