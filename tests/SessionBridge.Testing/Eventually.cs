namespace SessionBridge.Testing;

/// <summary>
/// Waits for an observable condition instead of sleeping for a guessed time: real panes and processes take
/// a moment, and a loaded machine takes longer. Bounded, and cancelled with the test.
/// </summary>
public static class Eventually
{
    /// <summary>
    /// How long a condition gets unless told otherwise: a bound on a hang, not a speed figure (a loaded two-core
    /// machine can take many times longer than an idle one), and under the spec's own bound so the message says what.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            if (await condition())
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(Poll, cancellation);
        }
    }

    public static Task WaitAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        WaitAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>Polls <paramref name="read"/> until <paramref name="accept"/> holds, and returns the value that passed.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> accept, string what, TimeSpan? timeout = null)
    {
        var value = default(T)!;
        await WaitAsync(async () => accept(value = await read()), what, timeout);
        return value;
    }

    /// <summary>
    /// Proves that <paramref name="condition"/> holds for all of <paramref name="window"/>: for what must NOT
    /// happen (a wait that must still be running). Fails as soon as it stops holding.
    /// </summary>
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan window)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var until = DateTime.UtcNow + window;
        while (DateTime.UtcNow < until)
        {
            if (!condition())
                throw new InvalidOperationException($"Expected {what} for {window.TotalMilliseconds:0} ms, but it stopped holding.");
            await Task.Delay(Poll, cancellation);
        }
    }
}
