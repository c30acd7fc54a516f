using System.Text.RegularExpressions;

namespace SessionBridge.Tests.Architecture;

/// <summary>
/// docs/configuration.md has one table row per <c>SESSION_BRIDGE_…</c> variable the code names (read by a program,
/// by install.sh, or set for a <c>--notify</c> command), its name in the first cell. Read from the sources, so a new
/// variable without a row fails here, and so does a row for one the code no longer has.
/// </summary>
public sealed partial class ConfigurationTableSpecs
{
    private static readonly string Root = RepositoryRoot.Path;

    [Fact]
    public void Every_variable_the_code_names_has_a_row()
    {
        // Arrange
        var rows = Rows();

        // Act
        var missing = CodeVariables().Where(v => !rows.Contains(v.Key)).Select(v => $"{v.Key} (in {v.Value})").ToList();

        // Assert
        missing.Should().BeEmpty("docs/configuration.md needs a row for each: name, default, allowed values, effect");
    }

    [Fact]
    public void Every_row_names_a_variable_the_code_still_has()
    {
        // Arrange
        var code = CodeVariables();

        // Act
        var stale = Rows().Where(r => !code.ContainsKey(r)).ToList();

        // Assert
        code.Should().ContainKeys("SESSION_BRIDGE_DIR", "SESSION_BRIDGE_PREFIX", "SESSION_BRIDGE_ROLE"); // the spec reads the sources
        stale.Should().BeEmpty("a row for a variable nothing reads or sets any more misleads");
    }

    /// <summary>Every name in src/**/*.cs, hooks/**/*.cs and install.sh, with the first file that names it.</summary>
    private static Dictionary<string, string> CodeVariables()
    {
        var files = new[] { "src", "hooks" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            .Append(Path.Combine(Root, "install.sh"));
        var found = new Dictionary<string, string>();
        foreach (var file in files)
        {
            foreach (Match match in Name().Matches(File.ReadAllText(file)))
                found.TryAdd(match.Value.TrimEnd('_'), Path.GetRelativePath(Root, file));
        }

        return found;
    }

    /// <summary>The names in the first cell of the document's table rows.</summary>
    private static HashSet<string> Rows() =>
        File.ReadLines(Path.Combine(Root, "docs", "configuration.md"))
            .Select(line => FirstCell().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["name"].Value)
            .ToHashSet();

    [GeneratedRegex(@"SESSION_BRIDGE_[A-Z0-9_]+")]
    private static partial Regex Name();

    [GeneratedRegex(@"^\|\s*(?:`|\*\*)(?<name>SESSION_BRIDGE_[A-Z0-9_]+)(?:`|\*\*)\s*\|")]
    private static partial Regex FirstCell();
}
