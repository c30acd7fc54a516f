using System.Text.RegularExpressions;

namespace SessionBridge.Tests.Architecture;

/// <summary>
/// The library's folders point one way (CONTRIBUTING.md, "Layout"): a file may name its own folder's namespace and those
/// of lower layers, never a higher one nor a neighbour on its own layer. Read from the sources, so a new
/// <c>using</c> that breaks the order fails here, not in a review.
/// </summary>
public sealed partial class LayerSpecs
{
    // Bottom first. The files at the library's root (namespace SessionBridge) sit with Domain.
    private static readonly string[][] Layers =
    [
        ["", "Domain", "Errors"],
        ["State", "Tmux", "Processes"],
        ["Screens", "Held", "Startup", "Setup"],
        // The hook's supervision (requests, notices) sits under the use cases, which answer through it.
        ["Supervision"],
        ["Bridge"],
        // The host agent answers other hosts' requests through the use cases and Bridge's LocalPanes (RemotePanes is the asking side).
        ["Hosts"],
        // up/down compose Bridge's pane checks (PaneTargeting) and its Supervising: Team is the use case above it.
        ["Team"],
        // The doctor checks the use cases; migrate copies one store into another through State's interfaces only.
        ["Diagnostics", "Migration"],
    ];

    private static readonly string Core = Path.Combine(RepositoryRoot.Path, "src", "SessionBridge.Core");

    [Fact]
    public void No_file_of_the_library_names_a_higher_layer_or_a_neighbour()
    {
        // Arrange
        var files = Directory
            .EnumerateFiles(Core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(Core, f)))
            .ToList();

        // Act
        var breaches = files.SelectMany(Breaches).ToList();

        // Assert
        files.Should().HaveCountGreaterThan(100, "the spec must read the library's sources");
        breaches.Should().BeEmpty();
    }

    [Fact]
    public void Every_folder_of_the_library_has_a_layer()
    {
        // Arrange
        var known = Layers.SelectMany(l => l).ToHashSet();

        // Act
        var folders = Directory
            .EnumerateDirectories(Core)
            .Select(Path.GetFileName)
            .Where(f => f is not ("bin" or "obj") && Directory.EnumerateFiles(Path.Combine(Core, f!), "*.cs", SearchOption.AllDirectories).Any());

        // Assert
        folders.Should().OnlyContain(f => known.Contains(f!), "a new folder takes its place in the layers here and in CONTRIBUTING.md's Layout");
    }

    private static IEnumerable<string> Breaches(string file)
    {
        var relative = Path.GetRelativePath(Core, file);
        var folder = relative.Contains(Path.DirectorySeparatorChar) ? relative[..relative.IndexOf(Path.DirectorySeparatorChar)] : "";
        var layer = LayerOf(folder);
        foreach (var line in File.ReadLines(file).Where(l => !l.TrimStart().StartsWith("namespace ", StringComparison.Ordinal)))
        {
            foreach (Match named in Named().Matches(line))
            {
                var other = named.Groups[1].Value;
                if (other == folder || other is "Domain" or "Errors")
                    continue;
                var otherLayer = LayerOf(other);
                if (otherLayer >= layer)
                    yield return $"{relative} (layer {layer}) names SessionBridge.{other} (layer {otherLayer}): {line.Trim()}";
            }
        }
    }

    // Front ends (SessionBridge.Server, SessionBridge.Hook) and anything unknown are above every layer.
    private static int LayerOf(string folder) => Array.FindIndex(Layers, l => l.Contains(folder)) is var i and >= 0 ? i : Layers.Length;

    private static bool IsBuildOutput(string relative) => relative.StartsWith("bin" + Path.DirectorySeparatorChar) || relative.StartsWith("obj" + Path.DirectorySeparatorChar);

    [GeneratedRegex(@"\bSessionBridge\.([A-Z][A-Za-z]*)")]
    private static partial Regex Named();
}
