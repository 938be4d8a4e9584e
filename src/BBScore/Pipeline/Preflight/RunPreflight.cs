using System.Globalization;
using BBScore.Benchmarks;
using BBScore.Features;
using BBScore.Models;
using BBScore.Progress;

namespace BBScore.Pipeline.Preflight;

/// <summary>A run that cannot fit in memory or on disk; the message says why and what to change.</summary>
public sealed class PreflightException(string message) : InvalidOperationException(message);

/// <summary>One layer as the user named it, the model's layer it resolves to, and its flattened feature
/// dimension per stimulus (null when the model does not say).</summary>
public sealed record PreflightLayer(string Name, string ModelLayer, long? Features);

/// <summary>What a run will hold: its stimuli and targets, layers, metrics and feature handling; <see cref="StreamFeatures"/>
/// (<c>--stream-features</c>) streams ridge's features from the feature cache even when they would fit in memory.</summary>
public sealed record PreflightRequest(
    int TrainStimuli,
    int TestStimuli,
    long Targets,
    IReadOnlyList<PreflightLayer> Layers,
    IReadOnlyList<string> Metrics,
    AggregationMode Aggregation = AggregationMode.None,
    ProjectionKind? Projection = null,
    int ProjectionDim = RandomProjection.DefaultTargetDim,
    IReadOnlySet<string>? CachedModelLayers = null,
    bool StreamFeatures = false);

/// <summary>The estimate and the verdict.</summary>
/// <param name="PeakMemoryBytes">Estimated peak resident bytes; null when a layer's size is unknown.</param>
/// <param name="Fix">What to change when the run does not fit, else null.</param>
public sealed record PreflightEstimate(
    PreflightRequest Request,
    long? PeakMemoryBytes,
    long FeatureBytes,
    long TargetBytes,
    long MetricBytes,
    long CacheDiskBytes,
    long AvailableMemoryBytes,
    string MemorySource,
    long FreeDiskBytes,
    string FeaturesDir,
    IReadOnlyList<string> Details,
    string? Fix)
{
    /// <summary>True when the features stay in the feature cache and ridge reads them a block of columns at a time
    /// (<see cref="PeakMemoryBytes"/> is then the streamed path's); see <see cref="RunPreflight"/>.</summary>
    public bool StreamsFeatures { get; init; }

    /// <summary>The in-memory path's peak when the streamed path was considered (null otherwise, or when unknown).</summary>
    public long? InMemoryPeakBytes { get; init; }

    /// <summary>The streamed path's peak when it applies (every metric is ridge, no aggregation or projection, every group in
    /// the kernel form), else null.</summary>
    public long? StreamedPeakBytes { get; init; }

    /// <summary>Why the path was chosen, when both were considered.</summary>
    public string? PathReason { get; init; }

    /// <summary>True when the features would have to be held in memory but are more values than one array holds.</summary>
    public bool FeaturesExceedOneArray { get; init; }

    public bool FitsMemory => !FeaturesExceedOneArray && (PeakMemoryBytes is not long peak || peak <= AvailableMemoryBytes);
    public bool FitsDisk => CacheDiskBytes <= FreeDiskBytes;
    public bool Fits => FitsMemory && FitsDisk;

    /// <summary>The lines <c>bbscore check</c> prints.</summary>
    public IEnumerable<string> Describe()
    {
        var r = Request;
        yield return $"stimuli:      {r.TrainStimuli:N0} train + {r.TestStimuli:N0} test";
        yield return $"targets:      {r.Targets:N0} per stimulus";
        foreach (var layer in r.Layers)
            yield return $"features:     {layer.Name}: {(layer.Features is long p ? p.ToString("N0", CultureInfo.InvariantCulture) : "unknown")} per stimulus";
        foreach (string line in Details) yield return line;
        if (StreamedPeakBytes is long streamed)
            yield return $"paths:        in memory {(InMemoryPeakBytes is long memory ? RunPreflight.Format(memory) : "unknown")}; streamed from the feature cache " +
                         $"{RunPreflight.Format(streamed)} -> {(StreamsFeatures ? "streamed" : "in memory")} ({PathReason})";
        string features = StreamsFeatures ? "features streamed from the feature cache" : $"features {RunPreflight.Format(FeatureBytes)}";
        yield return PeakMemoryBytes is long peak
            ? $"peak memory:  {RunPreflight.Format(peak)} (runtime {RunPreflight.Format(RunFootprint.RuntimeOverheadBytes)}, {features}, " +
              $"targets {RunPreflight.Format(TargetBytes)}, metric {RunPreflight.Format(MetricBytes)}) of {RunPreflight.Format(AvailableMemoryBytes)} available ({MemorySource})"
            : $"peak memory:  unknown (the model does not report every layer's size) of {RunPreflight.Format(AvailableMemoryBytes)} available ({MemorySource})";
        yield return $"feature disk: {RunPreflight.Format(CacheDiskBytes)} of {RunPreflight.Format(FreeDiskBytes)} free under {FeaturesDir} (nothing new if already cached)";
        yield return $"verdict:      {(Fits ? "fits" : !FitsMemory && !FitsDisk ? "does not fit in memory nor on disk" : !FitsMemory ? "does not fit in memory" : "does not fit on disk")}";
        if (Fix is not null) yield return $"fix:          {Fix}";
    }
}

/// <summary>The memory/disk preflight of <c>bbscore check --benchmark …</c> and of every <c>bbscore run</c>: estimates
/// the peak resident memory and the feature-cache disk (see <see cref="RunFootprint"/>) and refuses, with the fix,
/// runs that cannot fit. <c>BBSCORE_MEMORY_LIMIT</c> states the memory budget when detection is wrong.</summary>
public static class RunPreflight
{
    /// <summary>The stimuli, targets and frames per clip of a benchmark's published size.</summary>
    public static (int Train, int Test, long Targets, int Frames) Shape(BenchmarkSize size) =>
        (size.TrainStimuli, size.TestStimuli, size.TargetsPerStimulus, size.FramesPerStimulus);

    /// <summary>The stimuli, targets and frames per clip of loaded data.</summary>
    public static (int Train, int Test, long Targets, int Frames) Shape(BenchmarkData data) =>
        (data.TrainStimuli.Count, data.TestStimuli?.Count ?? 0, data.TrainTargets.GetLength(1),
         Stimuli.IFixedLengthClips.FramesOf(data.TrainStimuli));

    /// <summary>Each typed layer with its model layer's flattened size per stimulus (from <see cref="IFeatureModel.ListLayers"/>,
    /// without running the model), times the outputs a clip of <paramref name="frames"/> frames gives.</summary>
    public static IReadOnlyList<PreflightLayer> Layers(IFeatureModel model, IReadOnlyDictionary<string, string> canonical, int frames = 1)
    {
        long perStimulus = model.OutputsPerClip(frames);
        var infos = model.ListLayers();
        return canonical.Select(pair =>
        {
            var info = infos.FirstOrDefault(i => i.Name == pair.Value) ?? infos.FirstOrDefault(i => i.Aliases.Contains(pair.Value));
            long? size = info?.Shape is { Length: > 0 } shape && shape.All(d => d > 0) ? shape.Aggregate(perStimulus, (a, d) => a * d) : null;
            return new PreflightLayer(pair.Key, pair.Value, size);
        }).ToList();
    }

    /// <summary>Runs the preflight for <c>bbscore run</c>: logs the estimate and throws <see cref="PreflightException"/>
    /// (with the fix) when the run cannot fit; the estimate says whether the features are to be streamed.</summary>
    /// <param name="cachedModelLayers">Model layers whose features are in the cache for these stimuli.</param>
    public static PreflightEstimate Check((int Train, int Test, long Targets, int Frames) shape, RunRequest request, IFeatureModel model,
        IReadOnlyDictionary<string, string> canonical, string featuresDir, IProgressSink progress, IReadOnlySet<string>? cachedModelLayers = null)
    {
        var estimate = Estimate(new PreflightRequest(shape.Train, shape.Test, shape.Targets, Layers(model, canonical, shape.Frames), request.Metrics,
            request.Aggregation, request.Projection, request.ProjectionDim, cachedModelLayers, request.StreamFeatures), MachineResources.Detect(request.MemoryLimit), featuresDir);
        if (request.StreamFeatures && !estimate.StreamsFeatures)
            progress.Warn("--stream-features: only ridge (every --metric), without --aggregation-mode or --random-projection and with more features than " +
                          "training stimuli, reads features from the feature cache; this run holds them in memory.");
        if (estimate.PeakMemoryBytes is long peak)
            progress.Info($"preflight: peak memory ~{Format(peak)} of {Format(estimate.AvailableMemoryBytes)} available, feature cache ≤ {Format(estimate.CacheDiskBytes)}" +
                          (estimate.StreamsFeatures ? $"; features streamed from the feature cache ({estimate.PathReason})" : ""));
        if (!estimate.Fits)
            throw new PreflightException("this run cannot fit on this machine:" + Environment.NewLine +
                string.Join(Environment.NewLine, estimate.Describe().Select(l => "  " + l)));
        return estimate;
    }

    public static PreflightEstimate Estimate(PreflightRequest request, MachineResources machine, string featuresDir, long? freeDiskBytes = null)
    {
        var inMemory = Peak(request);
        var streamed = StreamedPeak(request);
        long available = machine.AvailableMemoryBytes;
        string? arrayLimit = OneArrayLimit(request);
        bool memoryFits = inMemory.Peak is long m && m <= available && arrayLimit is null;
        bool stream = streamed is not null && (!memoryFits || request.StreamFeatures);
        string? reason = streamed is null ? null
            : memoryFits && request.StreamFeatures ? "--stream-features"
            : memoryFits ? "the features fit in memory"
            : arrayLimit ?? (inMemory.Peak is long needed ? $"in memory the run needs {Format(needed)} of {Format(available)} available" : "the in-memory size is unknown");
        var (peak, features, targets, metric, details) = stream ? streamed!.Value : inMemory;
        long all = (long)request.TrainStimuli + request.TestStimuli;
        // Layers whose features are cached already take no new disk space.
        long disk = request.Layers.DistinctBy(l => l.ModelLayer)
            .Where(l => request.CachedModelLayers?.Contains(l.ModelLayer) != true)
            .Sum(l => l.Features is long p ? RunFootprint.FeatureCacheBytes(all, p) : 0);
        long free = freeDiskBytes ?? MachineResources.FreeDiskBytes(featuresDir);
        string? fix = null;
        bool memoryFails = peak is long value && value > available;
        if (memoryFails || (!stream && arrayLimit is not null))
        {
            var projected = request with { Projection = ProjectionKind.Sparse };
            var (projectedPeak, _, _, _, _) = Peak(projected);
            string need = memoryFails ? $"{Format(peak!.Value)} needed, {Format(available)} available" : arrayLimit!;
            string machineFix = $"use a machine with at least {Format(peak ?? 0)} free memory (or set --memory-limit / {MachineResources.MemoryLimitVariable} if the detected amount is wrong)";
            bool projectable = request.Projection is null && request.Layers.Any(l => l.Features > request.ProjectionDim);
            if (!memoryFails)
                fix = $"{need}: use --metric ridge alone (it reads the features from the feature cache a block at a time)" +
                      (projectable && projectedPeak is long p0 ? $" or add --random-projection sparse (about {Format(p0)})." : ".");
            else if (stream)
                fix = $"{need} with the features streamed from the feature cache: ridge's n x n decomposition of the {KernelRows(request):N0} training stimuli " +
                      $"needs {Format(RunFootprint.KernelRidgeWorkingSet(KernelRows(request), request.Targets, 0))} on its own; {machineFix}" +
                      (projectable && projectedPeak is long p1 ? $", or add --random-projection sparse (about {Format(p1)})." : ".");
            else if (projectable && projectedPeak is long small && small <= available)
                fix = $"add --random-projection sparse (features projected to {request.ProjectionDim:N0} dims): the run then needs about {Format(small)} ({need} now).";
            else if (projectable && projectedPeak is long still)
                fix = $"{need}; with --random-projection sparse it would still need about {Format(still)}. This benchmark's stimuli cannot be reduced: " +
                      $"use a machine with at least {Format(Math.Min(still, peak ?? still))} free memory (or set --memory-limit / {MachineResources.MemoryLimitVariable} if the detected amount is wrong).";
            else
                fix = $"{need}; this benchmark's stimuli cannot be reduced: {machineFix}.";
        }
        if (disk > free)
        {
            string diskFix = $"the feature cache needs {Format(disk)} under {featuresDir}, where only {Format(free)} is free: free space there or point BBSCORE_HOME at a larger disk.";
            fix = fix is null ? diskFix : fix + " Also, " + diskFix;
        }
        return new PreflightEstimate(request, peak, features, targets, metric, disk, available, machine.MemorySource, free, featuresDir, details, fix)
        {
            StreamsFeatures = stream,
            FeaturesExceedOneArray = !stream && arrayLimit is not null,
            InMemoryPeakBytes = streamed is null ? null : inMemory.Peak,
            StreamedPeakBytes = streamed?.Peak,
            PathReason = reason,
        };
    }

    /// <summary>Metrics that can read features left in the feature cache (ridge's kernel form; see <see cref="Numerics.FeatureMatrix.OnDisk"/>).</summary>
    public static readonly IReadOnlySet<string> StreamingMetrics = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "ridge" };

    /// <summary>The rows ridge fits on: the training stimuli, or a cross-validation fold's share of them.</summary>
    static long KernelRows(PreflightRequest request) =>
        request.TestStimuli > 0 ? request.TrainStimuli : request.TrainStimuli - request.TrainStimuli / RunFootprint.DefaultFolds;

    /// <summary>Why a layer's features cannot be held in memory at all (more values than one .NET array holds), or null.</summary>
    static string? OneArrayLimit(PreflightRequest request)
    {
        long all = (long)request.TrainStimuli + request.TestStimuli;
        var largest = request.Layers.Where(l => l.Features is not null).Select(l => l.Features!.Value).DefaultIfEmpty(0).Max();
        return Math.Max(request.TrainStimuli, request.TestStimuli) * largest > Array.MaxLength
            ? $"{Math.Max(request.TrainStimuli, request.TestStimuli):N0} x {largest:N0} features are more values than one array holds ({Array.MaxLength:N0})"
            : null;
    }

    /// <summary>The streamed path's peak: every metric streams (ridge), no aggregation or projection, every layer in the kernel
    /// form; features are not resident. Null when it does not apply or a layer's size is unknown.</summary>
    static (long? Peak, long Features, long Targets, long Metric, List<string> Details)? StreamedPeak(PreflightRequest request)
    {
        if (request.Layers.Any(l => l.Features is null) || request.Aggregation != AggregationMode.None || request.Projection is not null
            || request.Metrics.Count == 0 || request.Metrics.Any(m => !StreamingMetrics.Contains(m)))
            return null;
        long n = KernelRows(request), t = request.Targets;
        if (request.Layers.Any(l => !RunFootprint.RidgeUsesKernelForm(n, l.Features!.Value))) return null;
        long all = (long)request.TrainStimuli + request.TestStimuli;
        long targets = all * t * 8;
        long held = request.TestStimuli > 0 ? request.TestStimuli : request.TrainStimuli / RunFootprint.DefaultFolds;
        // Beside the solver: the test targets and predictions (float64), or a fold's training targets and all predictions.
        long beside = request.TestStimuli > 0 ? 2 * held * t * 8 : n * t * 8 + (long)request.TrainStimuli * t * 8;
        var details = new List<string>();
        long metric = 0;
        foreach (var layer in request.Layers)
        {
            long bytes = RunFootprint.StreamedRidgeWorkingSet(n, layer.Features!.Value, t, held) + beside;
            metric = Math.Max(metric, bytes);
            details.Add($"metric:       ridge on {layer.Name} (p = {layer.Features:N0}, kernel form, features streamed from the feature cache): {Format(bytes)} working set");
        }
        return (RunFootprint.RuntimeOverheadBytes + targets + metric, 0, targets, metric, details);
    }

    /// <summary>Peak resident bytes, or null when a layer's size is unknown.</summary>
    static (long? Peak, long Features, long Targets, long Metric, List<string> Details) Peak(PreflightRequest request)
    {
        var details = new List<string>();
        long all = (long)request.TrainStimuli + request.TestStimuli;
        long targets = all * request.Targets * 8;
        if (request.Layers.Any(l => l.Features is null)) return (null, 0, targets, 0, details);
        var raw = request.Layers.DistinctBy(l => l.ModelLayer).Select(l => l.Features!.Value).ToList();
        long resident = raw.Sum(p => all * p * 4);
        var groups = Groups(request);
        long transient = 0;
        foreach (var (name, p, distinct) in groups)
            if (distinct) resident += all * p * 4;
        if (request.Projection is not null || request.Aggregation == AggregationMode.Stack)
            transient = request.Layers.Max(l => l.Features!.Value) * request.ProjectionDim * 4L + 128 * RunFootprint.MiB; // the projection matrix (dense float32) and its 64 MB row blocks
        long metric = 0;
        var shapeOfGroups = groups.Select(g => (g.Name, Shape: new WorkloadShape(request.TrainStimuli, request.TestStimuli, g.Features, request.Targets)));
        foreach (var (name, shape) in shapeOfGroups)
            foreach (string key in request.Metrics)
            {
                long bytes = RunFootprint.MetricWorkingSet(key, shape);
                metric = Math.Max(metric, bytes);
                string form = key is "ridge" or "temporal_ridge"
                    ? RunFootprint.RidgeUsesKernelForm(request.TestStimuli > 0 ? shape.TrainStimuli : shape.TrainStimuli - shape.TrainStimuli / RunFootprint.DefaultFolds, shape.Features)
                        ? ", kernel form (n ≤ p)" : ", covariance form (n > p)"
                    : "";
                details.Add($"metric:       {key} on {name} (p = {shape.Features:N0}{form}): {Format(bytes)} working set");
            }
        long peak = RunFootprint.RuntimeOverheadBytes + resident + targets + Math.Max(metric, transient);
        return (peak, resident, targets, metric, details);
    }

    /// <summary>The scored groups' widths; Distinct when the group is a new matrix rather than an extracted layer.</summary>
    static List<(string Name, long Features, bool Distinct)> Groups(PreflightRequest request)
    {
        int dim = request.ProjectionDim;
        long Project(long p) => request.Projection is not null && dim < p ? dim : p;
        var layers = request.Layers;
        switch (request.Aggregation)
        {
            case AggregationMode.None:
                return layers.Select(l => (l.Name, Project(l.Features!.Value), Project(l.Features!.Value) != l.Features!.Value)).ToList();
            case AggregationMode.Concatenate:
                return [("combined", Project(layers.Sum(l => l.Features!.Value)), true)];
            default:
                return [("stacked", (long)layers.Count * dim, true)];
        }
    }

    public static string Format(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("F1", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("F0", CultureInfo.InvariantCulture) + " MiB";
}
