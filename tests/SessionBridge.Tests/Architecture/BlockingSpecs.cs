using System.Text.RegularExpressions;

namespace SessionBridge.Tests.Architecture;

/// <summary>
/// Nothing in the product blocks a thread on a wait: every wait is awaited and can be cancelled. The check is textual,
/// over every .cs file of src/ and hooks/, comments included, so a blocking call cannot hide in one.
/// </summary>
public sealed partial class BlockingSpecs
{
    // .GetResult(), a member named Result, .Wait(, WaitOne(, WaitAll(, Thread.Sleep(.
    [GeneratedRegex(@"\.GetResult\(\)|\.Result\b|\.Wait\(|WaitOne\(|WaitAll\(|Thread\.Sleep\(")]
    private static partial Regex Blocking();

    [Fact]
    public void No_source_of_the_server_the_core_or_the_hook_blocks_on_a_wait()
    {
        // Arrange
        var files = SourceFiles.Product();

        // Act
        var found = SourceFiles.LinesMatching(files, Blocking());

        // Assert
        files.Should().NotBeEmpty("the sources are found from the repository root");
        found.Should().BeEmpty("a wait is awaited and honours cancellation; these block a thread");
    }
}
