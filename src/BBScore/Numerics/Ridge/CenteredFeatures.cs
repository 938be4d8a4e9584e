using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>X − x̄ (sklearn's <c>fit_intercept=True</c> centring) delivered in blocks of columns or rows through
/// one reused buffer, instead of as a centred copy of X: a 900 × 25088 copy is 90 MB, and fresh memory costs
/// ~3 ms per MB in page faults on the machines measured. X itself is wrapped without copying and only read.
/// <para>With float32 compute the means are float32 column means (pairwise summation, relative error ~1e-7).
/// Centring need not be exact: a common offset δ left in every row is projected out of X Xᵀ exactly by the
/// kernel form and adds only n·δδᵀ ≈ 1e-14·|x̄|² to XᵀX in the covariance form.</para></summary>
internal sealed class CenteredFeatures : IDisposable
{
    const long BlockBytes = 8L << 20;

    readonly Tensor _source;   // rows × cols float32 view of the caller's array
    readonly Tensor _means;    // 1 × cols, compute precision
    Tensor? _buffer;           // flat, reused for every block

    CenteredFeatures(FeatureMatrix x, double[] means, ScalarType computeType)
    {
        Source = x;
        Means = means;
        ComputeType = computeType;
        _source = View(x).DetachFromDisposeScope();
        _means = tensor(means, [1, means.Length]).to_type(computeType).DetachFromDisposeScope();
    }

    /// <summary>The uncentred input (kept by reference for dual-form predictions).</summary>
    public FeatureMatrix Source { get; }

    /// <summary>Column means x̄ (float64).</summary>
    public double[] Means { get; }

    public ScalarType ComputeType { get; }
    public int Rows => Source.Rows;
    public int Cols => Source.Cols;

    /// <summary>Computes the column means of x, checking on the way that x is finite.</summary>
    public static CenteredFeatures From(FeatureMatrix x, ScalarType computeType)
    {
        TorchRuntime.EnsureLoaded();
        double[] means;
        if (computeType == ScalarType.Float32)
        {
            using var view = View(x);
            using var m = view.mean([0]);
            means = ManagedTensors.ToDoubles(m);
        }
        else
        {
            means = new double[x.Cols];
            using var zero = new CenteredFeatures(x, means, computeType); // blocks of X itself (means 0)
            foreach (var (start, count) in zero.ColumnBlocks())
            {
                using var blockMeans = zero.ColumnBlock(start, count).mean([0]);
                ManagedTensors.ToDoubles(blockMeans).CopyTo(means, start);
            }
        }
        // A NaN or ±∞ anywhere in a column makes its mean non-finite, so this checks all of X.
        if (means.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("Features contain NaN or infinite values (or values so large that their column sums overflow).", nameof(x));
        return new CenteredFeatures(x, means, computeType);
    }

    /// <summary>Other rows (e.g. test stimuli) centred with these training means.</summary>
    public CenteredFeatures WithSameMeans(FeatureMatrix x) => new(x, Means, ComputeType);

    public static CenteredFeatures WithMeans(FeatureMatrix x, double[] means, ScalarType computeType) => new(x, means, computeType);

    /// <summary>Column ranges of at most ~8 MB of centred values each.</summary>
    public IEnumerable<(long Start, long Count)> ColumnBlocks() => Ranges(Cols, Math.Max(1, BlockBytes / (Rows * ElementSize)));

    /// <summary>Row ranges of at most ~8 MB of centred values each.</summary>
    public IEnumerable<(long Start, long Count)> RowBlocks() => Ranges(Rows, Math.Max(1, BlockBytes / (Cols * ElementSize)));

    /// <summary>X[:, start:start+count] − x̄ (rows × count). Valid until the next block is requested.</summary>
    public Tensor ColumnBlock(long start, long count)
    {
        var block = Buffer(Rows * count).view(Rows, count);
        block.copy_(_source.narrow(1, start, count));
        return block.sub_(_means.narrow(1, start, count));
    }

    /// <summary>X[start:start+count, :] − x̄ (count × cols). Valid until the next block is requested.</summary>
    public Tensor RowBlock(long start, long count)
    {
        var block = Buffer(count * Cols).view(count, Cols);
        block.copy_(_source.narrow(0, start, count));
        return block.sub_(_means);
    }

    long ElementSize => ComputeType == ScalarType.Float64 ? 8 : 4;

    Tensor Buffer(long elements)
    {
        if (_buffer is null || _buffer.shape[0] < elements)
        {
            _buffer?.Dispose();
            _buffer = empty(elements, ComputeType).DetachFromDisposeScope();
        }
        return _buffer.narrow(0, 0, elements);
    }

    static IEnumerable<(long Start, long Count)> Ranges(long total, long size)
    {
        for (long start = 0; start < total; start += size) yield return (start, Math.Min(size, total - start));
    }

    /// <summary>A float32 tensor over x's array without copying (pinned while the tensor lives). Never modify it.</summary>
    static Tensor View(FeatureMatrix x)
    {
        using var flat = from_array(x.Data);
        return flat.view(x.Rows, x.Cols);
    }

    public void Dispose()
    {
        _source.Dispose();
        _means.Dispose();
        _buffer?.Dispose();
    }
}
