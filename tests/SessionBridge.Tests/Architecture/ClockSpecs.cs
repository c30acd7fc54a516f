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
        var roots = new[] { Path.Combine(RepositoryRoot.Path, "src"), Path.Combine(RepositoryRoot.Path, "hooks") };
        var files = roots
            .SelectMany(root => Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();

        // Act
        var found = files
            .SelectMany(path =>
                File.ReadLines(path)
                    .Select((line, index) => (Line: line, Number: index + 1))
                    .Where(l => SystemClock().IsMatch(l.Line))
                    .Select(l => $"{Path.GetRelativePath(RepositoryRoot.Path, path)}:{l.Number}: {l.Line.Trim()}")
            )
            .ToList();

        // Assert
        files.Should().NotBeEmpty("the sources are found from the repository root");
        found.Should().BeEmpty("time comes from the TimeProvider the composition root passes (clock.GetUtcNow())");
    }
}
