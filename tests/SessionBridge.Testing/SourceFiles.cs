using System.Text.RegularExpressions;

namespace SessionBridge.Testing;

/// <summary>
/// The repository's own .cs files, for the specs that read the code (architecture rules): build output left out, and
/// each offending line named as "path:line: text" from the repository root.
/// </summary>
public static class SourceFiles
{
    /// <summary>The product's sources: src/ and hooks/.</summary>
    public static IReadOnlyList<string> Product() => Under("src", "hooks");

    /// <summary>Every .cs file under the given folders of the repository (those that exist), bin/ and obj/ left out.</summary>
    public static IReadOnlyList<string> Under(params string[] folders) =>
        folders
            .Select(folder => System.IO.Path.Combine(RepositoryRoot.Path, folder))
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Split(System.IO.Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();

    /// <summary>The path of <paramref name="file"/> from the repository root.</summary>
    public static string Relative(string file) => System.IO.Path.GetRelativePath(RepositoryRoot.Path, file);

    /// <summary>Every line of <paramref name="files"/> (comments included) that <paramref name="pattern"/> matches, as "path:line: text".</summary>
    public static IReadOnlyList<string> LinesMatching(IEnumerable<string> files, Regex pattern) =>
        files
            .SelectMany(path =>
                File.ReadLines(path)
                    .Select((line, index) => (Line: line, Number: index + 1))
                    .Where(l => pattern.IsMatch(l.Line))
                    .Select(l => $"{Relative(path)}:{l.Number}: {l.Line.Trim()}")
            )
            .ToList();
}
