namespace SessionBridge.Tests.Architecture;

/// <summary>
/// No .cs file of the repository is over 300 lines: a file that grows past it does two jobs, and is split by
/// moving code into types of their own (a long spec class into two by theme).
/// </summary>
public sealed class FileSizeSpecs
{
    private const int MaxLines = 300;

    private static readonly string[] Folders = ["src", "hooks", "tests", "bench", "eng"];

    [Fact]
    public void No_cs_file_under_src_hooks_tests_bench_or_eng_is_over_300_lines()
    {
        // Arrange
        var separator = Path.DirectorySeparatorChar;
        var files = SourceFiles.Under(Folders);

        // Act
        var tooLong = files
            .Select(file => (File: SourceFiles.Relative(file), Lines: File.ReadLines(file).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File}: {f.Lines} lines")
            .ToList();

        // Assert
        files.Should().Contain(file => file.EndsWith($"{separator}FileSizeSpecs.cs"), "the walk must reach the tests");
        tooLong.Should().BeEmpty($"no .cs file may be over {MaxLines} lines; split these by responsibility");
    }
}
