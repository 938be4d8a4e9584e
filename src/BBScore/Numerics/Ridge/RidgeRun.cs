using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>One fit: the centred features, their eigenbasis, the LOO error table, and the passes over the
/// target chunks that fill it and turn it into weights.</summary>
internal sealed class RidgeRun : IDisposable
{
    readonly double[,] _y;
    readonly CenteredFeatures _features;
    readonly RidgeEigenBasis _basis;
    readonly AlphaGridPlan _plan;
    readonly int _chunkSize;
    readonly ScalarType _computeType;

    RidgeRun(double[,] y, CenteredFeatures features, RidgeEigenBasis basis, int chunkSize, ScalarType computeType)
    {
        _y = y;
        _features = features;
        _basis = basis;
        _plan = AlphaGridPlan.Build(basis);
        _chunkSize = chunkSize;
        _computeType = computeType;
        Loo = new LooErrorTable(_plan, basis.Alphas.Length, Targets);
    }

    public int Targets => _y.GetLength(1);
    public LooErrorTable Loo { get; }
    bool Mixed => _computeType == ScalarType.Float32;

    public static RidgeRun Start(FeatureMatrix x, double[,] y, double[] alphas, RidgeSolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows < 2) throw new ArgumentException("Ridge with leave-one-out needs at least 2 training rows.", nameof(x));
        ManagedTensors.RequireShape(y, x.Rows);
        TorchRuntime.EnsureLoaded();
        var computeType = options.Precision == RidgePrecision.Double ? ScalarType.Float64 : ScalarType.Float32;
        var features = CenteredFeatures.From(x, computeType, options.StreamBlockBytes);
        try
        {
            var basis = RidgeEigenBasis.For(features, alphas, computeType, options);
            NativeEnvironment.TrimHeap(); // the decomposition's workspace is gone: do not let it add to the chunks' peak
            return new RidgeRun(y, features, basis, options.ChunkSize(x.Rows, y.GetLength(1)), computeType);
        }
        catch
        {
            features.Dispose();
            throw;
        }
    }

    /// <summary>Per-target alphas: one pass over the target chunks (errors, choice, weights).</summary>
    public RidgeSolution FitPerTarget(CancellationToken cancel)
    {
        var alphaPerTarget = new double[Targets];
        int refined = 0;
        var output = new RidgeSolutionBuilder(_basis, _features, Targets);
        foreach (var (start, count) in ChunkRanges())
        {
            using var scope = NewDisposeScope();
            var chunk = TargetChunk.Load(_y, start, count, _computeType);
            var projection = _basis.Project(chunk.Centred);
            StoreErrors(chunk.Centred, projection, _plan.Evaluated, chunk.TargetIndices, cancel);
            if (Mixed) refined += RefineNearTies(chunk, projection, cancel);
            for (int j = start; j < start + count; j++) alphaPerTarget[j] = _basis.Alphas[Loo.Best(j)];
            output.Add(chunk, projection, alphaPerTarget.AsSpan(start, count).ToArray());
        }
        return output.Build(alphaPerTarget, Loo.Values, _basis.Alphas, refined);
    }

    /// <summary>Index of the one alpha minimising the mean LOO error over all targets.</summary>
    public int ChooseShared(CancellationToken cancel)
    {
        foreach (var (start, count) in ChunkRanges())
        {
            using var scope = NewDisposeScope();
            var chunk = TargetChunk.Load(_y, start, count, _computeType);
            StoreErrors(chunk.Centred, _basis.Project(chunk.Centred), _plan.Evaluated, chunk.TargetIndices, cancel);
        }
        var close = Loo.SharedNearTies();
        if (Mixed && close.Count > 1)
        {
            // float32 cannot order these alphas' mean errors: compare them through exact differences.
            foreach (var (start, count) in ChunkRanges())
            {
                using var scope = NewDisposeScope();
                var chunk = TargetChunk.Load(_y, start, count, _computeType);
                StoreDifferences(chunk.Centred, _basis.Project(chunk.Centred), close, chunk.TargetIndices, cancel);
            }
        }
        return Loo.BestShared();
    }

    /// <summary>Weights for given per-target alphas (which must belong to the basis's grid).</summary>
    public RidgeSolution FitWith(double[] alphaPerTarget, double[,]? looErrors, IReadOnlyList<double>? alphaGrid, CancellationToken cancel)
    {
        var output = new RidgeSolutionBuilder(_basis, _features, Targets);
        foreach (var (start, count) in ChunkRanges())
        {
            cancel.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var chunk = TargetChunk.Load(_y, start, count, _computeType);
            output.Add(chunk, _basis.Project(chunk.Centred), alphaPerTarget.AsSpan(start, count).ToArray());
        }
        return output.Build(alphaPerTarget, looErrors, alphaGrid, refinedTargets: 0);
    }

    /// <summary>The target chunks; the heap is trimmed before each, so one chunk's freed buffers are returned to the
    /// system instead of adding to the next one's (see <see cref="NativeEnvironment.TrimHeap"/>).</summary>
    IEnumerable<(int Start, int Count)> ChunkRanges()
    {
        foreach (var range in TargetChunk.Ranges(Targets, _chunkSize))
        {
            NativeEnvironment.TrimHeap();
            yield return range;
        }
    }

    void StoreErrors(Tensor centred, Tensor projection, IReadOnlyList<int> alphaIndices, IReadOnlyList<int> targets, CancellationToken cancel)
        => Loo.Store(_basis.LooMeanSquaredErrors(centred, projection, alphaIndices, cancel), alphaIndices, targets);

    /// <summary>Settles the targets of a chunk whose best alphas float32 errors cannot separate, by exact
    /// differences of their LOO errors (only the alphas in question, per group of targets with the same ones).</summary>
    int RefineNearTies(TargetChunk chunk, Tensor projection, CancellationToken cancel)
    {
        int refined = 0;
        foreach (var (alphas, targets) in Loo.NearTies(chunk.Start, chunk.Count))
        {
            using var scope = NewDisposeScope();
            var columns = tensor(targets.Select(j => (long)(j - chunk.Start)).ToArray());
            StoreDifferences(chunk.Centred.index_select(1, columns), projection.index_select(1, columns), alphas, targets, cancel);
            refined += targets.Count;
        }
        return refined;
    }

    /// <summary>Errors of alphas[1..] as alphas[0]'s plus their exact differences.</summary>
    void StoreDifferences(Tensor centred, Tensor projection, List<int> alphas, IReadOnlyList<int> targets, CancellationToken cancel)
    {
        var others = alphas.Skip(1).ToList();
        Loo.StoreDifferences(_basis.LooErrorDifferences(centred, projection, alphas[0], others, cancel), alphas[0], others, targets);
    }

    public void Dispose()
    {
        _basis.Dispose();
        _features.Dispose();
    }
}
