using System.Text;
using System.Text.RegularExpressions;

namespace SessionBridge.Tests.Architecture;

/// <summary>
/// Only the NATS store (src/SessionBridge.Nats) and the composition roots name a NATS type: everything else reaches NATS
/// through the seam (IRemoteStore, IRemoteDoctor, IHostLink). A NATS type is one of the client's (NATS.*,
/// NatsConnection, NatsJSContext, NatsKV…, NatsOpts) or one declared in the NATS project; comments and strings don't
/// count. And the programs a session on the file store starts do not reference the NATS project or client at all.
/// </summary>
public sealed partial class NatsConfinementSpecs
{
    private static readonly string Root = RepositoryRoot.Path;

    // The composition roots: the programs' entry points and the server's wiring, which choose the store.
    private static readonly string[] Roots =
    [
        Path.Combine("src", "SessionBridge", "Program.cs"),
        Path.Combine("src", "SessionBridge", "ServerProgram.cs"),
        Path.Combine("src", "SessionBridge", "ServerSetup.cs"),
        Path.Combine("hooks", "SessionBridge.Hook", "Program.cs"),
        Path.Combine("hooks", "SessionBridge.Hook", "HookProgram.cs"),
    ];

    [Fact]
    public void No_file_outside_the_NATS_store_and_the_composition_roots_names_a_NATS_type()
    {
        // Arrange
        var natsTypes = Sources(Path.Combine(Root, "src", "SessionBridge.Nats"))
            .SelectMany(f => Declared().Matches(Code(File.ReadAllText(f))).Select(m => m.Groups[1].Value))
            .ToHashSet();
        var files = Sources(Path.Combine(Root, "src"))
            .Concat(Sources(Path.Combine(Root, "hooks")))
            .Where(f => !IsNatsSide(Path.GetRelativePath(Root, f)))
            .ToList();

        // Act
        var breaches = files
            .SelectMany(f => Names(Code(File.ReadAllText(f)), natsTypes).Select(n => $"{Path.GetRelativePath(Root, f)} names {n}"))
            .ToList();

        // Assert
        natsTypes.Should().Contain(["NatsTeam", "NatsSettings", "NatsBackend"], "the spec must read the NATS project's types");
        files.Should().HaveCountGreaterThan(150, "the spec must read the sources");
        breaches.Should().BeEmpty();
    }

    [Fact]
    public void A_NATS_type_counts_in_code_but_not_in_a_comment_or_a_string()
    {
        // Arrange
        const string source = """
            // NatsTeam in a comment, /* NATS.Client.Core */ in another
            var text = "NatsConnection"; var url = @"nats://NatsOpts";
            var both = $"{NatsSettings.ServersVariable} and NatsKVStore";
            NatsTeam.For(settings);
            """;

        // Act
        var named = Names(Code(source), new HashSet<string> { "NatsTeam", "NatsSettings" });

        // Assert
        named.Should().BeEquivalentTo(["NatsSettings", "NatsTeam"]);
    }

    [Theory]
    [InlineData("src/SessionBridge/SessionBridge.csproj")]
    [InlineData("hooks/SessionBridge.Hook/SessionBridge.Hook.csproj")]
    [InlineData("src/SessionBridge.Core/SessionBridge.Core.csproj")]
    public void The_lean_programs_and_their_library_reference_neither_the_NATS_project_nor_its_client(string project)
    {
        // Act
        var references = ProjectReference().Matches(File.ReadAllText(Path.Combine(Root, project))).Select(m => m.Groups[1].Value).ToList();

        // Assert
        references.Should().NotBeEmpty("the spec must read the project's references");
        references.Should().NotContain(r => r.Contains("Nats", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsNatsSide(string relative) =>
        relative.StartsWith(Path.Combine("src", "SessionBridge.Nats") + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relative.StartsWith(Path.Combine("src", "SessionBridge.NatsHost") + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || Roots.Contains(relative);

    private static IEnumerable<string> Sources(string folder) =>
        Directory
            .EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static IEnumerable<string> Names(string code, HashSet<string> natsTypes) =>
        Identifier().Matches(code).Select(m => m.Value).Where(n => natsTypes.Contains(n) || IsClientName(n)).Distinct();

    private static bool IsClientName(string name) =>
        name.StartsWith("NATS.", StringComparison.Ordinal) || name is "NatsConnection" or "NatsJSContext" or "NatsOpts" || name.StartsWith("NatsKV", StringComparison.Ordinal);

    /// <summary>The source without its comments and the literal text of its strings (an interpolation's holes are code).</summary>
    private static string Code(string source)
    {
        var code = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            if (At(source, i, "//"))
            {
                i = source.IndexOf('\n', i) is var end and >= 0 ? end : source.Length;
            }
            else if (At(source, i, "/*"))
            {
                i = source.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : source.Length;
            }
            else if (StringStart().Match(source, i) is { Success: true, Index: var at } start && at == i)
            {
                i = SkipString(source, i + start.Length, start.Value, code);
            }
            else if (source[i] == '\'' && source.IndexOf('\'', i + (source[i + 1] == '\\' ? 3 : 2)) is var close and > 0)
            {
                i = close + 1;
            }
            else
            {
                code.Append(source[i++]);
            }
        }

        return code.ToString();
    }

    // From just after the opening quotes to just after the closing ones, copying the holes of an interpolated string.
    private static int SkipString(string source, int i, string opening, StringBuilder code)
    {
        var raw = opening.EndsWith("\"\"\"", StringComparison.Ordinal);
        var verbatim = opening.Contains('@', StringComparison.Ordinal);
        var interpolated = opening.Contains('$', StringComparison.Ordinal);
        while (i < source.Length)
        {
            if (raw && At(source, i, "\"\"\""))
                return i + 3;
            if (!raw && verbatim && At(source, i, "\"\""))
            {
                i += 2;
            }
            else if (!raw && !verbatim && source[i] == '\\')
            {
                i += 2;
            }
            else if (!raw && source[i] == '"')
            {
                return i + 1;
            }
            else if (interpolated && At(source, i, "{{"))
            {
                i += 2;
            }
            else if (interpolated && source[i] == '{')
            {
                var depth = 0;
                do
                {
                    depth += source[i] switch { '{' => 1, '}' => -1, _ => 0 };
                    code.Append(source[i++]);
                } while (i < source.Length && depth > 0);
                code.Append(' ');
            }
            else
            {
                i++;
            }
        }

        return i;
    }

    private static bool At(string source, int i, string text) => string.CompareOrdinal(source, i, text, 0, text.Length) == 0;

    [GeneratedRegex(@"\G(\$*@?\$*""""""|\$?@?\$?"")")]
    private static partial Regex StringStart();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?([A-Z]\w*)")]
    private static partial Regex Declared();

    [GeneratedRegex(@"\b(?:NATS(?:\.\w+)+|[A-Z]\w*)")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"<(?:ProjectReference|PackageReference)\s+Include=""([^""]+)""")]
    private static partial Regex ProjectReference();
}
