namespace BBScore.Stimuli;

/// <summary>Exact-length byte arrays for decoded and intermediate images, reused from batch to batch.
/// Without it every photo's decode and resize buffers are fresh garbage-collected memory: extraction then
/// spends its time in collections and in first-touch page faults (about 10 µs per 4 KiB page on a VM).
/// Photo datasets come in few sizes, so arrays are kept per exact length, within a byte budget.</summary>
static class PixelBufferPool
{
    // Enough for two batches of large photos in flight (one running, one being prepared) plus intermediates.
    const long BudgetBytes = 256L << 20;
    const int MaxLengths = 16;

    static readonly Dictionary<int, Stack<byte[]>> Free = [];
    static readonly Lock Gate = new();
    static long _pooledBytes;

    /// <summary>An array of exactly <paramref name="length"/> bytes; its contents are undefined.</summary>
    public static byte[] Rent(int length)
    {
        lock (Gate)
        {
            if (Free.TryGetValue(length, out var stack) && stack.TryPop(out var array))
            {
                _pooledBytes -= length;
                return array;
            }
        }
        return GC.AllocateUninitializedArray<byte>(length);
    }

    /// <summary>Keeps <paramref name="array"/> for a later <see cref="Rent"/>; dropped (left to the GC) when the
    /// budget is spent. The caller must not touch it afterwards.</summary>
    public static void Return(byte[] array)
    {
        lock (Gate)
        {
            if (_pooledBytes + array.Length > BudgetBytes) return;
            if (!Free.TryGetValue(array.Length, out var stack))
            {
                // Datasets of many sizes (ImageNet's photos) would fill the table with lengths seen once: a length
                // with nothing pooled gives its slot up.
                if (Free.Count >= MaxLengths)
                {
                    int unused = Free.FirstOrDefault(entry => entry.Value.Count == 0).Key;
                    if (unused == 0) return;
                    Free.Remove(unused);
                }
                Free[array.Length] = stack = new Stack<byte[]>();
            }
            stack.Push(array);
            _pooledBytes += array.Length;
        }
    }

    /// <summary>Lets every pooled array go (to the garbage collector): called when a stream of batches ends, so the
    /// pool holds memory only while images flow.</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            Free.Clear();
            _pooledBytes = 0;
        }
    }
}
