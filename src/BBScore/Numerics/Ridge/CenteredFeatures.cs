using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>X − x̄ (sklearn's <c>fit_intercept=True</c> centring) delivered in blocks of columns or rows through
/// one reused buffer, instead of as a centred copy of X: a 900 × 25088 copy is 90 MB, and fresh memory costs
/// ~3 ms per MB in page faults on the machines measured. X itself is wrapped without copying and only read.
/// <para>The means are summed in float64 in both precisions.
/// Centring need not be exact: a common offset δ left in every row is projected out of X Xᵀ exactly by the
/// kernel form and adds only n·δδᵀ ≈ 1e-14·|x̄|² to XᵀX in the covariance form.</para>
/// <para>Rows on disk (<see cref="FeatureMatrix.OnDisk"/>, the kernel form only) are read a block of columns at a time
/// (<see cref="FileColumnBlocks"/>, blocks of <see cref="RidgeSolverOptions.StreamBlockBytes"/>). Each block holds all
/// rows, so when the means are not given they are computed in float64 from the blocks as the first pass reads them;
/// <see cref="Means"/> is complete once every block has been read.</para></summary>
internal sealed class CenteredFeatures : IDisposable
{
    const long BlockBytes = 8L << 20;

    readonly Tensor? _source;          // rows × cols float32 view of the caller's array (in memory)
    readonly FileColumnBlocks? _file;  // or the rows in a feature file
    readonly Tensor _means;            // 1 × cols, compute precision
    readonly double[] _meanValues;
    readonly bool[]? _meanKnown;       // on disk without given means: which columns' means the blocks read so far gave
    readonly long _streamBlockBytes;
    Tensor? _buffer;                   // flat, reused for every block

    CenteredFeatures(FeatureMatrix x, double[] means, ScalarType computeType, long streamBlockBytes, bool meansFromBlocks)
    {
        Source = x;
        _meanValues = means;
        ComputeType = computeType;
        _streamBlockBytes = streamBlockBytes;
        if (x.OnDisk is { } rows) _file = new FileColumnBlocks(rows, x.Cols);
        else _source = View(x).DetachFromDisposeScope();
        _meanKnown = meansFromBlocks ? new bool[x.Cols] : null;
        _means = tensor(means, [1, means.Length]).to_type(computeType).DetachFromDisposeScope();
    }

    /// <summary>The uncentred input (kept by reference for dual-form predictions).</summary>
    public FeatureMatrix Source { get; }

    /// <summary>Column means x̄ (float64).</summary>
    public double[] Means => _meanKnown is null || Array.TrueForAll(_meanKnown, k => k)
        ? _meanValues
        : throw new InvalidOperationException("The column means of features on disk are known once every column block has been read.");

    public ScalarType ComputeType { get; }
    public int Rows => Source.Rows;
    public int Cols => Source.Cols;

    /// <summary>True when the rows are read from a feature file.</summary>
    public bool Streams => _file is not null;

    /// <summary>Bytes of one column block of rows on disk (see <see cref="RidgeSolverOptions.StreamBlockBytes"/>).</summary>
    public long StreamBlockBytes => _streamBlockBytes;

    /// <summary>Computes the column means of x, checking on the way that x is finite. For rows on disk nothing is read
    /// here: the means come from the blocks as they are first read, and so does the check.</summary>
    public static CenteredFeatures From(FeatureMatrix x, ScalarType computeType, long streamBlockBytes = RidgeSolverOptions.DefaultStreamBlockBytes)
    {
        TorchRuntime.EnsureLoaded();
        // The covariance form (more rows than columns) reads rows: features on disk are loaded for it (x.Data).
        if (x.OnDisk is not null && x.Rows <= x.Cols) return new CenteredFeatures(x, new double[x.Cols], computeType, streamBlockBytes, meansFromBlocks: true);
        double[] means;
        if (computeType == ScalarType.Float32)
        {
            // Summed in float64, as the blocks of features on disk are: both paths centre with the same means.
            using var view = View(x);
            using var sums = view.sum([0], type: ScalarType.Float64);
            means = ManagedTensors.ToDoubles(sums);
            for (int j = 0; j < means.Length; j++) means[j] /= x.Rows;
        }
        else
        {
            means = new double[x.Cols];
            using var zero = new CenteredFeatures(x, means, computeType, streamBlockBytes, meansFromBlocks: false); // blocks of X itself (means 0)
            foreach (var (start, count) in zero.ColumnBlocks())
            {
                using var blockMeans = zero.ColumnBlock(start, count).mean([0]);
                ManagedTensors.ToDoubles(blockMeans).CopyTo(means, start);
            }
        }
        RequireFinite(means, file: null, 0);
        return new CenteredFeatures(x, means, computeType, streamBlockBytes, meansFromBlocks: false);
    }

    /// <summary>Other rows (e.g. test stimuli) centred with these training means.</summary>
    public CenteredFeatures WithSameMeans(FeatureMatrix x) => new(x, Means, ComputeType, _streamBlockBytes, meansFromBlocks: false);

    public static CenteredFeatures WithMeans(FeatureMatrix x, double[] means, ScalarType computeType, long streamBlockBytes = RidgeSolverOptions.DefaultStreamBlockBytes)
        => new(x, means, computeType, streamBlockBytes, meansFromBlocks: false);

    /// <summary>Column ranges of at most ~8 MB of centred values each (rows on disk: <see cref="StreamBlockBytes"/> of float32).</summary>
    public IEnumerable<(long Start, long Count)> ColumnBlocks() => _file is null
        ? Ranges(Cols, Math.Max(1, BlockBytes / (Rows * ElementSize)))
        : Ranges(Cols, Math.Clamp(_streamBlockBytes / (Rows * 4L), 1, int.MaxValue / Math.Max(1, Rows)));

    /// <summary>Row ranges of at most ~8 MB of centred values each (rows in memory only).</summary>
    public IEnumerable<(long Start, long Count)> RowBlocks() => _file is null
        ? Ranges(Rows, Math.Max(1, BlockBytes / (Cols * ElementSize)))
        : throw new InvalidOperationException("Features on disk are read by blocks of columns only (the kernel form).");

    /// <summary>Frees the block buffers until the next block is read: for a pass over the blocks followed by work that needs
    /// the memory (the kernel form's decomposition).</summary>
    public void ReleaseBuffers()
    {
        _file?.ReleaseBuffer();
        _buffer?.Dispose();
        _buffer = null;
    }

    /// <summary>x̄[start:start+count] as a 1 × count row in the compute precision (known once that block has been read).</summary>
    public Tensor BlockMeans(long start, long count) => _means.narrow(1, start, count);

    /// <summary>X[:, start:start+count] − x̄ (rows × count). Valid until the next block is requested.</summary>
    public Tensor ColumnBlock(long start, long count)
    {
        if (_file is not null) return FileColumnBlock(start, count);
        var block = Buffer(Rows * count).view(Rows, count);
        block.copy_(_source!.narrow(1, start, count));
        return block.sub_(_means.narrow(1, start, count));
    }

    /// <summary>X[start:start+count, :] − x̄ (count × cols). Valid until the next block is requested.</summary>
    public Tensor RowBlock(long start, long count)
    {
        if (_file is not null) throw new InvalidOperationException("Features on disk are read by blocks of columns only (the kernel form).");
        var block = Buffer(count * Cols).view(count, Cols);
        block.copy_(_source!.narrow(0, start, count));
        return block.sub_(_means);
    }

    Tensor FileColumnBlock(long start, long count)
    {
        var raw = _file!.Read(start, count);
        if (_meanKnown is not null && !_meanKnown[start])
        {
            var means = ColumnSums(raw);
            for (int j = 0; j < means.Length; j++) means[j] /= Rows;
            RequireFinite(means, _file.Path, start);
            means.CopyTo(_meanValues, start);
            using var values = tensor(means, [1, means.Length]);
            using (var slot = _means.narrow(1, start, count)) slot.copy_(values);
            Array.Fill(_meanKnown, true, (int)start, (int)count);
        }
        using var blockMeans = _means.narrow(1, start, count);
        if (ComputeType == ScalarType.Float32) return raw.sub_(blockMeans); // the raw buffer is this block's own
        var block = Buffer(Rows * count).view(Rows, count);
        return block.copy_(raw).sub_(blockMeans);
    }

    /// <summary>Column sums in float64, a few rows at a time: summing a whole block with a float64 result would first
    /// make a float64 copy of it (twice the block).</summary>
    static double[] ColumnSums(Tensor block)
    {
        long rows = block.shape[0], cols = block.shape[1], step = Math.Max(1, (32L << 20) / (8 * Math.Max(1, cols)));
        using var sums = zeros(cols, ScalarType.Float64);
        for (long start = 0; start < rows; start += step)
        {
            using var part = block.narrow(0, start, Math.Min(step, rows - start));
            using var partSums = part.sum([0], type: ScalarType.Float64);
            sums.add_(partSums);
        }
        return ManagedTensors.ToDoubles(sums);
    }

    /// <summary>A NaN or ±∞ anywhere in a column makes its mean non-finite, so this checks every value of those columns.</summary>
    static void RequireFinite(double[] means, string? file, long firstColumn)
    {
        int bad = Array.FindIndex(means, v => !double.IsFinite(v));
        if (bad < 0) return;
        string where = file is null ? "" : $" ({file}, column {firstColumn + bad})";
        throw new ArgumentException($"Features contain NaN or infinite values (or values so large that their column sums overflow){where}.", "x");
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
        _source?.Dispose();
        _file?.Dispose();
        _means.Dispose();
        _buffer?.Dispose();
    }
}
