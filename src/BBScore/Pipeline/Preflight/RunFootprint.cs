namespace BBScore.Pipeline.Preflight;

/// <summary>The shape of one scored feature group: what a metric sees.</summary>
/// <param name="TrainStimuli">Training rows n.</param>
/// <param name="TestStimuli">Held-out rows (0 when the metric cross-validates on the training rows).</param>
/// <param name="Features">Feature dimension p after aggregation and projection.</param>
/// <param name="Targets">Target values per stimulus t (units × time bins).</param>
public sealed record WorkloadShape(int TrainStimuli, int TestStimuli, long Features, long Targets)
{
    public long AllStimuli => (long)TrainStimuli + TestStimuli;
}

/// <summary>Estimated peak resident memory and feature-cache disk of a run, as upper bounds.
/// <para>Resident at the peak: the fixed runtime (.NET, libtorch, ONNX session: <see cref="RuntimeOverheadBytes"/>),
/// every extracted layer's features (float32, train + test), the aggregated/projected groups when they differ
/// from the extracted layers, the targets (float64, train + test), and the largest working set of one metric on
/// one group (metrics run one at a time).</para>
/// <para>Ridge (<c>ridge</c>, <c>temporal_ridge</c>, <c>inverse_ridge</c>, <c>bidirectional</c>) follows the solver
/// (mixed precision, see <see cref="RidgeWorkingSet"/>); the other metrics use conservative rules documented on
/// <see cref="MetricWorkingSet"/>. Calibrated against measured peaks in docs/PERFORMANCE.md ("Memory preflight").</para></summary>
public static class RunFootprint
{
    public const long MiB = 1L << 20;

    /// <summary>.NET runtime, libtorch and an ONNX session, measured resident before any data (~300 MB).</summary>
    public const long RuntimeOverheadBytes = 300 * MiB;

    /// <summary>The solver's per-chunk budget and left-vector budget (<see cref="Numerics.Ridge.RidgeSolverOptions"/> defaults).</summary>
    public const long RidgeChunkBudgetBytes = 256 * MiB, RidgeLeftVectorsBudgetBytes = 256 * MiB;

    /// <summary>One row block of the kernel form's float64 LOO factor (<see cref="Numerics.Ridge.RidgeSolverOptions"/> default).</summary>
    public const long RidgeLooBlockBytes = 64 * MiB;

    /// <summary>Scratch block of the centred features (CenteredFeatures.BlockBytes).</summary>
    const long CentredBlockBytes = 8 * MiB;

    /// <summary>Cross-validation folds of the regression metrics when there is no test set.</summary>
    public const int DefaultFolds = 10;

    /// <summary>float32 .npy bytes of one layer's cached features (train + test): what the feature cache writes.</summary>
    public static long FeatureCacheBytes(long stimuli, long features) => 128 + stimuli * features * 4;

    /// <summary>Peak bytes of RidgeCV (per-target alpha, exact LOO, mixed precision) beyond its inputs X (float32)
    /// and Y (float64), for n training rows, p features and t targets, X in memory.
    /// <para>Kernel form (n ≤ p): see <see cref="KernelRidgeWorkingSet"/>, with 8 MiB blocks of centred features.</para>
    /// <para>Covariance form (n &gt; p), from CovarianceEigenBasis.Create: the decomposition of the p × p float64 XᵀX
    /// holds the input and the eigenvectors, then the kept vectors' copy, counted as 4 p² doubles (measured 3.6 with U
    /// kept at n = 6000, p = 4096); libtorch's eigh adds its copy and workspace: 5 (measured 4.9 and 4.2);
    /// afterwards V and V Λ^(−1/2) (float32), U (n·r float32)
    /// when it fits <see cref="RidgeLeftVectorsBudgetBytes"/>, one target chunk and the primal weights (p·t float32).
    /// A target chunk is about 28 bytes per row and target, capped by <see cref="RidgeChunkBudgetBytes"/>, counted once
    /// (measured below it on workloads B and C).</para></summary>
    public static long RidgeWorkingSet(long n, long p, long t)
    {
        if (n <= p) return KernelRidgeWorkingSet(n, t, CentredBlockBytes);
        long chunk = Math.Min(RidgeChunkBudgetBytes, 28 * n * Math.Max(1, t));
        long p2 = p * p;
        long eigen = CovarianceEigenBuffers * p2 * 8 + CentredBlockBytes;
        long u = n * p * 4 <= RidgeLeftVectorsBudgetBytes ? n * p * 4 : 0;
        long chunked = 8 * p2 + u + chunk + p * t * 4 + n * 24 * 8 + CentredBlockBytes;
        return Math.Max(eigen, chunked);
    }

    /// <summary>Peak bytes of RidgeCV's kernel form with the features left in the feature cache and read a block of columns
    /// of every row at a time (<see cref="StreamBlockBytes"/>): the features take no memory, and the predictions read the
    /// training file again beside the test rows' block.</summary>
    public static long StreamedRidgeWorkingSet(long n, long p, long t, long testRows)
    {
        long block = Math.Min(StreamBlockBytes, n * p * 4);
        long predict = block + Math.Min(StreamBlockBytes, Math.Max(1, testRows) * p * 4) + testRows * n * 4 + n * t * 4;
        return Math.Max(KernelRidgeWorkingSet(n, t, block), predict);
    }

    /// <summary>The kernel form (n ≤ p), from KernelEigenBasis.Create, with blocks of <paramref name="blockBytes"/> of centred
    /// features.
    /// <list type="bullet">
    /// <item>Gram pass: the float32 upper triangle (4 n² bytes) beside one block; then the block is freed and the
    /// triangle mirrored into K in float64 (12 n² at the switch).</item>
    /// <item>Decomposition (K reflected in place, its (n−1)² block copied out and K freed): in float64 (LAPACK dsyevr) the
    /// block and the eigenvectors, 16 n²; in float32 (ssyevd, from <see cref="Numerics.Ridge.RidgeSolverOptions.SingleEigenFromRows"/>
    /// rows) K and the float32 block, then the block and ssyevd's 2 n²-float workspace, 12 n². Without OpenBLAS's LAPACK,
    /// libtorch's eigh adds its copy and workspace: 48 and 20 n².</item>
    /// <item>Chunk phase: Qᵀ in float64 and Q in float32 while the float32 copy is made (12 n²); then Q in float64 and
    /// float32 (12 n²), or in float32 alone after a float32 decomposition (4 n²), the LOO factors of one block of rows (up
    /// to three blocks of <see cref="RidgeLooBlockBytes"/> in the near-tie refinement), two target chunks (the float64 slice
    /// of Y and the refinement's extra factors: measured 1.9× at n = 2000, t = 5000), the dual weights (n·t float32) and the
    /// LOO rows.</item>
    /// <item>Plus <see cref="KernelSlackBytes"/> (at most 16 n²) for what the libraries keep beside (OpenBLAS's and libtorch's buffers,
    /// allocator slack).</item>
    /// </list></summary>
    public static long KernelRidgeWorkingSet(long n, long t, long blockBytes)
    {
        long n2 = n * n;
        bool single = Numerics.Ridge.RidgeSolverOptions.Default.UsesSingleEigen((int)Math.Min(n, int.MaxValue));
        long decomposition = Numerics.Blas.SymmetricEigen.UsesLapack ? (single ? 12 : 16) * n2 : (single ? 20 : 48) * n2;
        long build = Math.Max(Math.Max(4 * n2 + blockBytes, 12 * n2), decomposition);
        long chunk = Math.Min(RidgeChunkBudgetBytes, 28 * n * Math.Max(1, t));
        long looBlocks = 3 * Math.Min(n2 * 8, RidgeLooBlockBytes);
        long chunks = Math.Max(12 * n2, (single ? 4 : 12) * n2 + looBlocks + 2 * chunk + n * t * 4 + n * 24 * 8);
        return Math.Max(build, chunks) + KernelSlack(n);
    }

    /// <summary>What OpenBLAS, libtorch and the allocator hold beside the kernel form's own buffers at the peak, at most:
    /// measured 154 MiB at n = 4,000 (float64), 84 MiB at n = 8,000 and ~90 MiB at n = 22,248 (float32), docs/PERFORMANCE.md
    /// ("Streamed ridge"); small problems run no products large enough to need those buffers, so it is capped at 16 n² bytes.</summary>
    public const long KernelSlackBytes = 256 * MiB;

    static long KernelSlack(long n) => Math.Min(KernelSlackBytes, 16 * n * n);

    /// <summary>The solver's block of features on disk (<see cref="Numerics.Ridge.RidgeSolverOptions.DefaultStreamBlockBytes"/>).</summary>
    public const long StreamBlockBytes = Numerics.Ridge.RidgeSolverOptions.DefaultStreamBlockBytes;

    /// <summary>p × p float64 buffers alive at the covariance form's decomposition.</summary>
    public static int CovarianceEigenBuffers => Numerics.Blas.SymmetricEigen.UsesLapack ? 4 : 5;

    /// <summary>True when ridge uses the kernel (n × n) form for this shape.</summary>
    public static bool RidgeUsesKernelForm(long n, long p) => n <= p;

    /// <summary>Peak working set of one metric on one group, beyond the resident features and targets.
    /// <list type="bullet">
    /// <item>ridge, temporal_ridge: <see cref="RidgeWorkingSet"/>; with cross-validation (no test set) on the fold's
    /// training rows n − n/k, plus copies of the fold's features (float32) and targets (float64).</item>
    /// <item>inverse_ridge: ridge with features and targets swapped; bidirectional: the larger of both directions.</item>
    /// <item>rsa, temporal_rsa, versa: two n × n float64 RDMs (all stimuli) and two float32 copies of the features.</item>
    /// <item>one_to_one, soft_matching, semi_matching: two p × t float64 matrices and three copies of the features.</item>
    /// <item>others (pls, torch_*, orientation_selectivity, …): three float32 copies of the features, two float64
    /// copies of the targets and p × t float64 weights.</item>
    /// </list></summary>
    public static long MetricWorkingSet(string metric, WorkloadShape shape, int folds = DefaultFolds)
    {
        long all = shape.AllStimuli, p = shape.Features, t = shape.Targets;
        long features = all * p * 4, targets = all * t * 8;
        switch (metric.ToLowerInvariant())
        {
            case "ridge":
            case "temporal_ridge":
                return Regression(shape, p, t, folds);
            case "inverse_ridge":
                return Regression(shape, t, p, folds);
            case "bidirectional":
                return Math.Max(Regression(shape, p, t, folds), Regression(shape, t, p, folds));
            case "rsa":
            case "temporal_rsa":
            case "versa":
                return 2 * all * all * 8 + 2 * features;
            case "one_to_one":
            case "soft_matching":
            case "semi_matching":
                return 2 * p * t * 8 + 3 * features;
            default:
                return 3 * features + 2 * targets + p * t * 8;
        }
    }

    /// <summary>Ridge on the training rows (the test set given), or on a fold's training rows plus the fold copies.</summary>
    static long Regression(WorkloadShape shape, long p, long t, int folds)
    {
        long n = shape.TrainStimuli;
        if (shape.TestStimuli > 0) return RidgeWorkingSet(n, p, t) + shape.TestStimuli * t * 8 * 2;
        long fit = n - n / Math.Max(2, folds);
        return RidgeWorkingSet(fit, p, t) + fit * p * 4 + fit * t * 8 + n * t * 8;
    }
}
