using System.Text.Json;

namespace SessionBridge.Tests.Team;

/// <summary>One start of the fake Claude Code (a line of its starts.jsonl).</summary>
public sealed record FakeStart(string[] Argv, string Cwd, string Name, int Pid, Dictionary<string, string?> Env)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public string? Flag(string name)
    {
        var at = Array.IndexOf(Argv, name);
        return at >= 0 && at + 1 < Argv.Length ? Argv[at + 1] : null;
    }
}
