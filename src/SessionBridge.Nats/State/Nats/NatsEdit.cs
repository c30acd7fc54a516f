namespace SessionBridge.State.Nats;

/// <summary>What a change makes of one key of a bucket: leave it, put a new value, or remove it.</summary>
/// <param name="Changes">False: the key is left as it is (nothing is written).</param>
/// <param name="Value">With <paramref name="Changes"/>: the new value, or null to remove the key.</param>
internal readonly record struct NatsEdit<T>(bool Changes, T? Value)
    where T : class
{
    public static NatsEdit<T> Keep => new(false, null);

    public static NatsEdit<T> Remove => new(true, null);

    public static NatsEdit<T> Put(T value) => new(true, value);
}
