using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>Multi-target ridge regression with intercept, reproducing scikit-learn's <c>RidgeCV</c> (cv=None:
/// exact efficient leave-one-out over an alpha grid, per target or shared) and <c>Ridge(alpha)</c>.
/// One eigendecomposition of the centred features serves every alpha and every target; targets are
/// processed in chunks so that the memory needed beyond X and Y stays bounded.</summary>
public static class RidgeSolver
{
    /// <summary>sklearn <c>RidgeCV(alphas, alpha_per_target=alphaPerTarget, fit_intercept=True)</c>.</summary>
    public static RidgeSolution FitCrossValidated(FeatureMatrix x, double[,] y, IReadOnlyList<double> alphas, bool alphaPerTarget = true,
        RidgeSolverOptions? options = null, CancellationToken cancel = default)
    {
        var grid = RidgeAlphas.Validate(alphas);
        var run = RidgeRun.Start(x, y, grid, options ?? RidgeSolverOptions.Default);
        try
        {
            if (alphaPerTarget) return run.FitPerTarget(cancel);
            int shared = run.ChooseShared(cancel);
            return run.FitWith(Enumerable.Repeat(grid[shared], run.Targets).ToArray(), run.Loo.Values, grid, cancel);
        }
        finally
        {
            run.Dispose();
        }
    }

    /// <summary>sklearn <c>Ridge(alpha, fit_intercept=True)</c>.</summary>
    public static RidgeSolution FitFixed(FeatureMatrix x, double[,] y, double alpha, RidgeSolverOptions? options = null, CancellationToken cancel = default)
    {
        RidgeAlphas.Validate([alpha]);
        using var run = RidgeRun.Start(x, y, [alpha], options ?? RidgeSolverOptions.Default);
        return run.FitWith(Enumerable.Repeat(alpha, run.Targets).ToArray(), looErrors: null, alphaGrid: null, cancel);
    }

    /// <summary>The alpha that sklearn <c>RidgeCV(alphas)</c> (one alpha for all targets) would choose, without fitting weights.</summary>
    public static double ChooseSharedAlpha(FeatureMatrix x, double[,] y, IReadOnlyList<double> alphas, RidgeSolverOptions? options = null, CancellationToken cancel = default)
    {
        var grid = RidgeAlphas.Validate(alphas);
        using var run = RidgeRun.Start(x, y, grid, options ?? RidgeSolverOptions.Default);
        return grid[run.ChooseShared(cancel)];
    }

    /// <summary>One fit: the centred features, their eigenbasis and the LOO error table.</summary>
    sealed class RidgeRun : IDisposable
    {
        readonly FeatureMatrix _x;
        readonly double[,] _y;
        readonly CenteredFeatures _features;
        readonly RidgeEigenBasis _basis;
        readonly AlphaGridPlan _plan;
        readonly int _chunkSize;
        readonly ScalarType _computeType;

        RidgeRun(FeatureMatrix x, double[,] y, CenteredFeatures features, RidgeEigenBasis basis, int chunkSize, ScalarType computeType)
        {
            _x = x;
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
            var features = CenteredFeatures.From(x, computeType);
            try
            {
                var basis = RidgeEigenBasis.For(features, alphas, computeType);
                return new RidgeRun(x, y, features, basis, options.ChunkSize(x.Rows, y.GetLength(1)), computeType);
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
            var output = new SolutionBuilder(this);
            foreach (var (start, count) in TargetChunk.Ranges(Targets, _chunkSize))
            {
                using var scope = NewDisposeScope();
                var chunk = TargetChunk.Load(_y, start, count, _computeType);
                var projection = _basis.Project(chunk.Centred);
                StoreErrors(chunk.Centred, projection, _plan.Evaluated, chunk.TargetIndices, cancel);
                if (Mixed) refined += RefineNearTies(chunk, cancel);
                for (int j = start; j < start + count; j++) alphaPerTarget[j] = _basis.Alphas[Loo.Best(j)];
                output.Add(chunk, projection, alphaPerTarget.AsSpan(start, count).ToArray());
            }
            return output.Build(alphaPerTarget, Loo.Values, _basis.Alphas, refined);
        }

        /// <summary>Index of the one alpha minimising the mean LOO error over all targets.</summary>
        public int ChooseShared(CancellationToken cancel)
        {
            foreach (var (start, count) in TargetChunk.Ranges(Targets, _chunkSize))
            {
                using var scope = NewDisposeScope();
                var chunk = TargetChunk.Load(_y, start, count, _computeType);
                StoreErrors(chunk.Centred, _basis.Project(chunk.Centred), _plan.Evaluated, chunk.TargetIndices, cancel);
            }
            var close = Loo.SharedNearTies();
            if (Mixed && close.Count > 1)
            {
                // float32 cannot order these alphas' mean errors: compare them through exact differences.
                foreach (var (start, count) in TargetChunk.Ranges(Targets, _chunkSize))
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
            var output = new SolutionBuilder(this);
            foreach (var (start, count) in TargetChunk.Ranges(Targets, _chunkSize))
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var chunk = TargetChunk.Load(_y, start, count, _computeType);
                output.Add(chunk, _basis.Project(chunk.Centred), alphaPerTarget.AsSpan(start, count).ToArray());
            }
            return output.Build(alphaPerTarget, looErrors, alphaGrid, refinedTargets: 0);
        }

        void StoreErrors(Tensor centred, Tensor projection, IReadOnlyList<int> alphaIndices, IReadOnlyList<int> targets, CancellationToken cancel)
            => Loo.Store(_basis.LooMeanSquaredErrors(centred, projection, alphaIndices, cancel), alphaIndices, targets);

        /// <summary>Settles the targets of a chunk whose best alphas float32 errors cannot separate, by exact
        /// differences of their LOO errors (only the alphas in question, per group of targets with the same ones).</summary>
        int RefineNearTies(TargetChunk chunk, CancellationToken cancel)
        {
            int refined = 0;
            foreach (var (alphas, targets) in Loo.NearTies(chunk.Start, chunk.Count))
            {
                using var scope = NewDisposeScope();
                var columns = tensor(targets.Select(j => (long)(j - chunk.Start)).ToArray());
                var subset = chunk.Centred.index_select(1, columns);
                StoreDifferences(subset, _basis.Project(subset), alphas, targets, cancel);
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

        /// <summary>Collects the weights and intercepts chunk by chunk.</summary>
        sealed class SolutionBuilder
        {
            readonly RidgeRun _run;
            readonly float[] _weights;
            readonly Tensor _weightsView;   // the managed array itself: chunks are copied straight into it
            readonly Tensor _meanRow;       // x̄·W = _meanRow · (stored weights)
            readonly double[] _targetMeans;
            readonly double[] _intercept;

            public SolutionBuilder(RidgeRun run)
            {
                _run = run;
                int rows = run._basis is KernelEigenBasis ? run._features.Rows : run._features.Cols;
                _weights = new float[(long)rows * run.Targets];
                _weightsView = ManagedTensors.View(_weights, rows, run.Targets).DetachFromDisposeScope();
                _meanRow = run._basis.MeanRow(run._features).to_type(ScalarType.Float32).DetachFromDisposeScope();
                _targetMeans = new double[run.Targets];
                _intercept = new double[run.Targets];
            }

            public void Add(TargetChunk chunk, Tensor projection, double[] alphas)
            {
                var weights = _weightsView.narrow(1, chunk.Start, chunk.Count);
                _run._basis.WriteWeights(projection, alphas, weights);
                // b = ȳ − x̄·W (x̄·W in the weights' float32, like the predictions).
                var meanPart = ManagedTensors.ToDoubles(_meanRow.mm(weights));
                for (int k = 0; k < chunk.Count; k++)
                {
                    _targetMeans[chunk.Start + k] = chunk.Means[k];
                    _intercept[chunk.Start + k] = chunk.Means[k] - meanPart[k];
                }
            }

            public RidgeSolution Build(double[] alphas, double[,]? looErrors, IReadOnlyList<double>? grid, int refinedTargets)
            {
                _meanRow.Dispose();
                _weightsView.Dispose();
                var weights = _run._basis.CreateWeights(_weights, _run.Targets, _run._features);
                return new RidgeSolution(weights, _run._features.Means, _targetMeans, _intercept, alphas, looErrors, grid, refinedTargets);
            }
        }

        public void Dispose()
        {
            _basis.Dispose();
            _features.Dispose();
        }
    }
}
