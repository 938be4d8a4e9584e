using BBScore.Benchmarks;
using BBScore.Features;
using BBScore.Metrics;

namespace BBScore.Pipeline;

/// <summary>One `bbscore run`: the original run.py's flags plus seed, device and compat mode.
/// <see cref="CustomStimuli"/>, when set, replaces <see cref="Benchmark"/> with an ad-hoc benchmark
/// built from the user's files (<c>--stimuli</c>).</summary>
public sealed record RunRequest(
    string Model,
    IReadOnlyList<string> Layers,
    string Benchmark,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<int> BatchSizes,
    AggregationMode Aggregation = AggregationMode.None,
    ProjectionKind? Projection = null,
    int Seed = 42,
    string Device = "cpu",
    CompatMode Compat = CompatMode.Fixed,
    int ProjectionDim = RandomProjection.DefaultTargetDim,
    int? SubsampleFeaturesForAlpha = null,
    AdHocBenchmarkFiles? CustomStimuli = null,
    bool Offline = false)
{
    /// <summary>Bootstrap resamples behind each headline's error bar (<c>--bootstrap</c>); 0: none.</summary>
    public int Bootstrap { get; init; } = ScoreUncertainty.DefaultResamples;

    /// <summary>The memory budget (<c>--memory-limit 8G</c>), null: detected (see <see cref="Preflight.MachineResources.Detect"/>).
    /// The preflight keeps the run within it, streaming ridge's features from the feature cache when they would not fit.</summary>
    public string? MemoryLimit { get; init; }

    /// <summary><c>--stream-features</c>: ridge reads the features from the feature cache even when they would fit in memory.</summary>
    public bool StreamFeatures { get; init; }

    /// <summary>Online read-outs' training overrides (<c>--epochs</c>, <c>--lr</c>, ...).</summary>
    public Metrics.Online.OnlineOverrides Online { get; init; } = new();

    /// <summary>The original accepts one quoted argument with spaces as several layers.</summary>
    public IReadOnlyList<string> ExpandedLayers =>
        Layers.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    /// <summary>The batch sizes to use: the given ones (N, or N and N' for the test set), else
    /// <paramref name="automatic"/> for both, asked for at most once and only when called
    /// (see <see cref="Models.AutoBatchSize"/>).</summary>
    public (Func<int> Train, Func<int> Test) BatchSizesOr(Func<int> automatic)
    {
        if (BatchSizes.Count == 0)
        {
            var chosen = new Lazy<int>(automatic);
            return (() => chosen.Value, () => chosen.Value);
        }
        int train = BatchSizes[0], test = BatchSizes.Count > 1 ? BatchSizes[1] : BatchSizes[0];
        return (() => train, () => test);
    }
}
