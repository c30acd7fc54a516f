using Spectre.Console;
using Spectre.Console.Rendering;

namespace SessionBridge.Server.Cli;

/// <summary>
/// Markup whose every line stays one line: cut with an ellipsis where it does not fit, never wrapped. A table
/// cell of these keeps its row's height whatever the width, which is what lets the board fit a small pane.
/// </summary>
internal sealed class ClippedLines(string markup, int minWidth = 12) : IRenderable
{
    // Wide enough that no line of a cell wraps before it is cut.
    private const int Unbounded = 10_000;

    private readonly IRenderable _markup = new Markup(markup);

    public Measurement Measure(RenderOptions options, int maxWidth)
    {
        var natural = _markup.Measure(options, Unbounded).Max;
        return new Measurement(Math.Min(Math.Min(minWidth, natural), maxWidth), Math.Min(natural, maxWidth));
    }

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        var lines = Segment.SplitLines(_markup.Render(options, Unbounded));
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
                yield return Segment.LineBreak;
            var line = lines[i];
            if (Segment.CellCount(line) <= maxWidth)
            {
                foreach (var segment in line)
                    yield return segment;
                continue;
            }

            // The ellipsis takes the last style. Not line[^1]: SegmentLine.Length is its width in cells, not its count.
            var style = line.Count > 0 ? line[line.Count - 1].Style : Style.Plain;
            foreach (var segment in Segment.Truncate(line, Math.Max(0, maxWidth - 1)))
                yield return segment;
            if (maxWidth > 0)
                yield return new Segment("…", style);
        }
    }
}
