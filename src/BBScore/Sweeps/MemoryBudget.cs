namespace BBScore.Sweeps;

/// <summary>The memory the local executor's concurrent groups share: a group starts only when its estimated
/// peak fits beside the groups already running, so <c>--jobs 4</c> on four large groups runs them as memory
/// allows rather than four at once into an out-of-memory kill. A group larger than the whole budget waits until
/// it can run alone (its own preflight then judges it).</summary>
public sealed class MemoryBudget(long totalBytes)
{
    readonly object _gate = new();
    long _used;

    public long TotalBytes { get; } = totalBytes;

    /// <summary>Blocks until <paramref name="bytes"/> (capped at the total) fit; returns what was taken.</summary>
    public long Acquire(long bytes, CancellationToken cancel)
    {
        long take = Math.Clamp(bytes, 0, TotalBytes);
        lock (_gate)
        {
            while (_used + take > TotalBytes)
            {
                cancel.ThrowIfCancellationRequested();
                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(200)); // wakes on Release, or to notice cancellation
            }
            _used += take;
            return take;
        }
    }

    public void Release(long taken)
    {
        lock (_gate)
        {
            _used -= taken;
            Monitor.PulseAll(_gate);
        }
    }
}
