using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>Colours that make a conversation easy to follow: each role keeps one colour.</summary>
internal static class Styles
{
    private static readonly Color[] Palette =
    [
        Color.Aqua, Color.Yellow, Color.Fuchsia, Color.Lime, Color.Orange1, Color.DeepSkyBlue1, Color.Violet, Color.Gold1,
    ];

    public static Color ForRole(string role)
    {
        // A stable hash: string.GetHashCode changes between runs.
        var hash = 17u;
        foreach (var c in role)
            hash = hash * 31 + c;
        return Palette[hash % Palette.Length];
    }

    public static string State(string state) =>
        state switch
        {
            "idle" or "alive" => $"[green]{state}[/]",
            "busy" => $"[yellow]{state}[/]",
            "waiting_select" or "waiting_text" => $"[fuchsia]{state}[/]",
            _ => $"[red]{Markup.Escape(state)}[/]",
        };
}
