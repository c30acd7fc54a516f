using System.Diagnostics;
using SessionBridge.Screens;

namespace SessionBridge.Benchmarks;

/// <summary>detect_question's classifier on the real screens the specs keep.</summary>
internal sealed class ClassifierFigures(Bench bench)
{
    public void Run()
    {
        var screens = Directory.GetFiles(Path.GetDirectoryName(bench.Screen("idle-fresh.txt"))!, "*.txt").Select(File.ReadAllText).ToList();
        var iterations = bench.Quick ? 200 : 2000;
        foreach (var screen in screens)
            ScreenClassifier.Classify(screen);
        var perCall = new Samples("classify");
        foreach (var screen in screens)
        {
            var clock = Stopwatch.StartNew();
            for (var n = 0; n < iterations; n++)
                ScreenClassifier.Classify(screen);
            perCall.Add(clock.Elapsed.TotalMilliseconds / iterations);
        }

        bench.Report.Add($"detect_question: classify a 160x45 screen (median over {screens.Count} screens)", Report.Ms(perCall.Median), "—", "", "≤ 1 ms");
    }
}
