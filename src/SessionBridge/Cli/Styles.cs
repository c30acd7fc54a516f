using SessionBridge.Screens;
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

    /// <summary>A peer's state (a screen state, or the pane's status when it is not alive), coloured by what it asks of you.</summary>
    public static string State(ListedState state)
    {
        var colour = state switch
        {
            ListedState.Idle => "green",
            ListedState.Busy => "yellow",
            ListedState.WaitingSelect or ListedState.WaitingText => "fuchsia",
            ListedState.Stopped => "grey",
            _ => "red",
        };
        return $"[{colour}]{Markup.Escape(state.ToWireName())}[/]";
    }
}
