using System.Globalization;

namespace SessionBridge.Benchmarks;

/// <summary>The table the benchmark prints: each figure beside its baseline from the same run, and its goal.</summary>
internal sealed class Report
{
    private readonly List<string[]> _rows = [];

    public void Add(string figure, string measured, string baseline, string ratio, string goal) =>
        _rows.Add([figure, measured, baseline, ratio, goal]);

    public void Print(TextWriter output)
    {
        string[] header = ["figure", "measured", "baseline (same run)", "ratio", "goal"];
        var all = new[] { header }.Concat(_rows).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(c => all.Max(r => r[c].Length)).ToArray();
        foreach (var (row, index) in all.Select((r, i) => (r, i)))
        {
            output.WriteLine("| " + string.Join(" | ", row.Select((cell, c) => cell.PadRight(widths[c]))) + " |");
            if (index == 0)
                output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        }
    }

    public static string Ms(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Mb(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    public static string Times(double value) => value.ToString(Math.Abs(value) < 0.1 ? "0.000" : "0.00", CultureInfo.InvariantCulture) + "×";
}
