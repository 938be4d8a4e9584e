using BBScore.Features;
using BBScore.Pipeline.Preflight;

namespace BBScore.Tests.Preflight;

public class RunFootprintTests
{
    const long MiB = 1L << 20;

    [Fact]
    public void RidgeSwitchesFromKernelToCovarianceFormAtNEqualsP()
    {
        Assert.True(RunFootprint.RidgeUsesKernelForm(4096, 4096));
        Assert.False(RunFootprint.RidgeUsesKernelForm(4097, 4096));
        // At n = p the kernel form (n < 8,192: a float64 decomposition, 16 n² bytes with LAPACK's dsyevr, 48 with libtorch's eigh)
        // and the later chunk phase: Q in float64 and float32, three row blocks of LOO factors, two target chunks, dual
        // weights, LOO rows; plus the libraries' slack.
        long n = 3000;
        long chunkPhase = 12 * n * n + 3 * Math.Min(n * n * 8, 64 * MiB) + 2 * 28 * n + n * 4 + n * 24 * 8;
        long decomposition = (BBScore.Numerics.Blas.SymmetricEigen.UsesLapack ? 16 : 48) * n * n;
        Assert.Equal(Math.Max(decomposition, chunkPhase) + Math.Min(RunFootprint.KernelSlackBytes, 16 * n * n), RunFootprint.RidgeWorkingSet(n, n, 1));
        // One row more: the covariance form, 4 (dsyevr) or 5 (eigh) p × p doubles at the decomposition.
        long p = 3000;
        Assert.Equal(RunFootprint.CovarianceEigenBuffers * p * p * 8 + 8 * MiB, RunFootprint.RidgeWorkingSet(p + 1, p, 1));
    }

    [Fact]
    public void RidgeKnownValues()
    {
        // Workload A (900 × 25088, 5000 targets): the chunk phase dominates: Q twice (12 n²), three n × n float64 LOO
        // factor blocks (the whole factor fits one block), 2 × 28 n t, dual weights, LOO rows.
        Assert.Equal(12L * 900 * 900 + 3L * 900 * 900 * 8 + 2L * 28 * 900 * 5000 + 900L * 5000 * 4 + 900L * 24 * 8 + 16L * 900 * 900, // slack capped at 16 n²
            RunFootprint.RidgeWorkingSet(900, 25088, 5000));
        // Workload B (22248 × 4096, 1024 targets): U (364 MB) exceeds the 256 MiB budget and is not stored; the decomposition dominates.
        long p2 = 4096L * 4096;
        long chunkPhase = 8 * p2 + 256 * MiB + 4096L * 1024 * 4 + 22248L * 24 * 8 + 8 * MiB;
        Assert.Equal(Math.Max(RunFootprint.CovarianceEigenBuffers * p2 * 8 + 8 * MiB, chunkPhase), RunFootprint.RidgeWorkingSet(22248, 4096, 1024));
        Assert.Equal(BBScore.Numerics.Blas.SymmetricEigen.UsesLapack ? 545_259_520 : 679_477_248, RunFootprint.RidgeWorkingSet(22248, 4096, 1024));
    }

    [Fact]
    public void From_8192_rows_the_kernel_form_decomposes_in_float32_in_twelve_n_squared_bytes()
    {
        Assert.True(BBScore.Numerics.Blas.SymmetricEigen.UsesLapack && BBScore.Numerics.Blas.SymmetricEigen.UsesLapackSingle);
        long n = 22248;
        // K (float64) beside the float32 block, then the block beside ssyevd's workspace, then Qᵀ beside the float32 Q: 12 n²;
        // afterwards the float32 Q alone.
        Assert.Equal(12 * n * n + RunFootprint.KernelSlackBytes, RunFootprint.KernelRidgeWorkingSet(n, 512, 0));
        Assert.Equal(12 * n * n + RunFootprint.KernelSlackBytes, RunFootprint.StreamedRidgeWorkingSet(n, 200704, 512, 100));
        // Below the threshold: the float64 decomposition, 16 n².
        long m = 8191;
        Assert.Equal(16 * m * m + RunFootprint.KernelSlackBytes, RunFootprint.KernelRidgeWorkingSet(m, 1, 0));
    }

    /// <summary>Within each form the working set grows with n, p and t. Across the switch it drops (at n = p + 1 the
    /// covariance form needs 4–5 p² doubles where the kernel form needed up to 11 n²), and where U (n × p float32) outgrows
    /// the solver's 256 MiB budget and is no longer stored, as the solver's memory does.</summary>
    [Fact]
    public void RidgeWorkingSetGrowsWithEveryDimensionWithinAForm()
    {
        long[] sizes = [100, 500, 1000, 4000, 9000, 22248];
        foreach (long t in new long[] { 1, 1024, 20000 })
            foreach (long a in sizes)
                foreach (long b in sizes)
                    foreach (long c in sizes)
                    {
                        if (b >= c) continue;
                        // n grows from b to c with p = a, staying in one form
                        if (RunFootprint.RidgeUsesKernelForm(b, a) == RunFootprint.RidgeUsesKernelForm(c, a) && KeepsU(b, a) == KeepsU(c, a))
                            Assert.True(RunFootprint.RidgeWorkingSet(c, a, t) >= RunFootprint.RidgeWorkingSet(b, a, t), $"n {b}->{c}, p {a}, t {t}");
                        // p grows from b to c with n = a
                        if (RunFootprint.RidgeUsesKernelForm(a, b) == RunFootprint.RidgeUsesKernelForm(a, c) && KeepsU(a, b) == KeepsU(a, c))
                            Assert.True(RunFootprint.RidgeWorkingSet(a, c, t) >= RunFootprint.RidgeWorkingSet(a, b, t), $"p {b}->{c}, n {a}, t {t}");
                        Assert.True(RunFootprint.RidgeWorkingSet(b, c, 2 * t) >= RunFootprint.RidgeWorkingSet(b, c, t));
                        Assert.True(RunFootprint.RidgeWorkingSet(c, b, 2 * t) >= RunFootprint.RidgeWorkingSet(c, b, t));
                    }
    }

    static bool KeepsU(long n, long p) => n * p * 4 <= RunFootprint.RidgeLeftVectorsBudgetBytes;

    [Fact]
    public void FeatureCacheIsFloat32TrainPlusTest()
    {
        Assert.Equal(128 + 22348L * 25088 * 4, RunFootprint.FeatureCacheBytes(22348, 25088));
    }

    [Theory]
    [InlineData("8G", 8L << 30)]
    [InlineData("512M", 512L << 20)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("1000", 1000L)]
    [InlineData(" 2k ", 2048L)]
    public void MemoryLimitParses(string text, long bytes) => Assert.Equal(bytes, MachineResources.ParseBytes(text));

    [Fact]
    public void MemoryLimitRejectsGarbage() => Assert.Throws<ArgumentException>(() => MachineResources.ParseBytes("lots"));

    static PreflightRequest Tvsd(ProjectionKind? projection = null, string metric = "ridge") =>
        new(22248, 100, 1024, [new PreflightLayer("layer4", "layer4", 512 * 7 * 7)], [metric], AggregationMode.None, projection);

    /// <summary>The lecture's "CPU-friendly" TVSD V1 command: resnet18's first stage, 200,704 features per image.</summary>
    static PreflightRequest TvsdFirstStage(params string[] metrics) =>
        new(22248, 100, 1024, [new PreflightLayer("stages.0", "stages.0", 64 * 56 * 56)], metrics.Length == 0 ? ["ridge"] : metrics);

    [Fact]
    public void Features_too_large_for_memory_are_streamed_from_the_feature_cache_within_16_GiB()
    {
        var estimate = RunPreflight.Estimate(TvsdFirstStage(), new MachineResources(16L << 30, "test"), "/features", freeDiskBytes: 1L << 40);
        Assert.True(estimate.StreamsFeatures);
        Assert.True(estimate.Fits, string.Join("\n", estimate.Describe()));
        Assert.Equal(0, estimate.FeatureBytes);
        Assert.True(estimate.InMemoryPeakBytes > 16L << 30);
        Assert.Equal(estimate.StreamedPeakBytes, estimate.PeakMemoryBytes);
        Assert.Contains("more values than one array holds", estimate.PathReason);
        var lines = string.Join("\n", estimate.Describe());
        Assert.Contains("streamed from the feature cache", lines);
        Assert.Contains("-> streamed", lines);
        // And within 8 GiB: the float32 decomposition of the 22,248 × 22,248 Gram matrix is the largest part.
        Assert.True(RunPreflight.Estimate(TvsdFirstStage(), new MachineResources(8L << 30, "test"), "/features", freeDiskBytes: 1L << 40).Fits);
    }

    [Fact]
    public void Streaming_needs_every_metric_to_stream_and_names_what_does_not_fit()
    {
        var mixed = RunPreflight.Estimate(TvsdFirstStage("ridge", "pls"), new MachineResources(16L << 30, "test"), "/features", freeDiskBytes: 1L << 40);
        Assert.False(mixed.StreamsFeatures);
        Assert.Null(mixed.StreamedPeakBytes);
        Assert.False(mixed.Fits);
        var small = RunPreflight.Estimate(TvsdFirstStage(), new MachineResources(4L << 30, "test"), "/features", freeDiskBytes: 1L << 40);
        Assert.True(small.StreamsFeatures);
        Assert.False(small.Fits);
        Assert.Contains("n x n decomposition of the 22,248 training stimuli", small.Fix);
        Assert.Contains("--random-projection sparse", small.Fix);
    }

    [Fact]
    public void Features_that_fit_stay_in_memory()
    {
        var estimate = RunPreflight.Estimate(Tvsd(), new MachineResources(1L << 40, "test"), "/features", freeDiskBytes: 1L << 40);
        Assert.False(estimate.StreamsFeatures);
        Assert.NotNull(estimate.StreamedPeakBytes);
        Assert.Equal("the features fit in memory", estimate.PathReason);
        Assert.Contains("-> in memory", string.Join("\n", estimate.Describe()));
    }

    [Fact]
    public void EstimateAddsRuntimeFeaturesTargetsAndMetric()
    {
        var estimate = RunPreflight.Estimate(Tvsd(), new MachineResources(1L << 40, "test"), "/features", freeDiskBytes: 1L << 40);
        long all = 22348;
        Assert.Equal(all * 25088 * 4, estimate.FeatureBytes);
        Assert.Equal(all * 1024 * 8, estimate.TargetBytes);
        Assert.Equal(RunFootprint.RidgeWorkingSet(22248, 25088, 1024) + 100L * 1024 * 16, estimate.MetricBytes);
        Assert.Equal(RunFootprint.RuntimeOverheadBytes + estimate.FeatureBytes + estimate.TargetBytes + estimate.MetricBytes, estimate.PeakMemoryBytes);
        Assert.Equal(RunFootprint.FeatureCacheBytes(all, 25088), estimate.CacheDiskBytes);
        Assert.True(estimate.Fits);
        Assert.Null(estimate.Fix);
    }

    [Fact]
    public void TooLittleMemorySuggestsSparseProjectionWithItsNeed()
    {
        var machine = new MachineResources(8L << 30, "test");
        // PLS holds three copies of the features (a metric that cannot stream them)
        var estimate = RunPreflight.Estimate(Tvsd(metric: "pls"), machine, "/features", freeDiskBytes: 1L << 40);
        Assert.False(estimate.FitsMemory);
        Assert.Contains("--random-projection sparse", estimate.Fix);
        var projected = RunPreflight.Estimate(Tvsd(ProjectionKind.Sparse, "pls"), machine, "/features", freeDiskBytes: 1L << 40);
        Assert.True(projected.Fits);
        Assert.Contains(RunPreflight.Format(projected.PeakMemoryBytes!.Value), estimate.Fix);
        // Projected features are held beside the extracted ones.
        Assert.Equal(22348L * (25088 + 1024) * 4, projected.FeatureBytes);
    }

    [Fact]
    public void MemoryTooSmallEvenProjectedSaysWhatIsNeeded()
    {
        var estimate = RunPreflight.Estimate(Tvsd(metric: "pls"), new MachineResources(1L << 30, "test"), "/features", freeDiskBytes: 1L << 40);
        Assert.Contains("with --random-projection sparse it would still need", estimate.Fix);
        Assert.Contains("cannot be reduced", estimate.Fix);
    }

    [Fact]
    public void TooLittleDiskNamesThePathAndSizes()
    {
        var estimate = RunPreflight.Estimate(Tvsd(ProjectionKind.Sparse), new MachineResources(1L << 40, "test"), "/data/features", freeDiskBytes: 100 * MiB);
        Assert.True(estimate.FitsMemory);
        Assert.False(estimate.Fits);
        Assert.Contains("/data/features", estimate.Fix);
        Assert.Contains(RunPreflight.Format(estimate.CacheDiskBytes), estimate.Fix);
        Assert.Contains("100 MiB", estimate.Fix);
    }

    [Fact]
    public void UnknownLayerSizeDoesNotRefuse()
    {
        var request = Tvsd() with { Layers = [new PreflightLayer("x", "x", null)] };
        var estimate = RunPreflight.Estimate(request, new MachineResources(1, "test"), "/features", freeDiskBytes: 1L << 40);
        Assert.Null(estimate.PeakMemoryBytes);
        Assert.True(estimate.Fits);
    }
}
