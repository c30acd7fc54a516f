namespace SessionBridge.Benchmarks;

/// <summary>Timings in milliseconds, summarised the way the report gives them.</summary>
internal sealed class Samples(string name)
{
    private readonly List<double> _values = [];

    public string Name { get; } = name;

    public void Add(double milliseconds) => _values.Add(milliseconds);

    public void AddAll(Samples other) => _values.AddRange(other._values);

    public int Count => _values.Count;

    public double Median => Percentile(0.5);

    public double P95 => Percentile(0.95);

    private double Percentile(double p)
    {
        if (_values.Count == 0)
            return double.NaN;
        var sorted = _values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    }
}
