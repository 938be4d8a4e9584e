using BBScore.Data.Download;
using BBScore.Progress;

namespace BBScore.Features;

/// <summary>Cross-process locks on feature cache entries (<c>.locks/&lt;hash&gt;.lock</c>), held while an
/// entry is extracted and written, so two runs never write one entry at once. The lock files stay (deleting
/// one could let two processes lock different files) in their own folder, out of the entries' way.</summary>
public sealed class FeatureCacheLocks : IDisposable
{
    /// <summary>How long to wait for another run extracting the same features (a large model on a big set).</summary>
    static readonly TimeSpan Timeout = TimeSpan.FromHours(12);
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    readonly List<FileLock> _held = [];

    public static FeatureCacheLocks Acquire(FeatureCache cache, IEnumerable<FeatureCacheKey> keys, IProgressSink progress, CancellationToken cancel)
    {
        var locks = new FeatureCacheLocks();
        try
        {
            foreach (var key in keys.DistinctBy(k => k.Hash).OrderBy(k => k.Hash, StringComparer.Ordinal))
                locks._held.Add(FileLock.Acquire(Path.Combine(cache.Directory, ".locks", key.Hash), Timeout, Poll, progress, cancel, "extracting features into"));
            return locks;
        }
        catch
        {
            locks.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var held in _held) held.Dispose();
        _held.Clear();
    }
}
