namespace SessionBridge.Tests.Store;

/// <summary>Runs steps on threads of their own, all let go at once, so that they race for real.</summary>
internal static class StoreRaces
{
    /// <summary>Runs <paramref name="step"/> for 0..<paramref name="count"/>-1 at the same time; returns their results in that order.</summary>
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> step)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable
            .Range(0, count)
            .Select(i =>
                Task.Factory.StartNew(
                    () =>
                    {
                        start.Wait(TestContext.Current.CancellationToken);
                        return step(i);
                    },
                    TestContext.Current.CancellationToken,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default
                ).Unwrap()
            )
            .ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }
}
