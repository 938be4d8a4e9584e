using BBScore.Data;
using BBScore.Metrics;
using BBScore.Progress;
using BBScore.Stimuli;

namespace BBScore.Benchmarks;

public enum BenchmarkKind { Offline, Online, AssemblyToAssembly }

/// <summary>A registered benchmark: its name (and accepted aliases), what data it shows and scores
/// against, and how to load that data. Benchmarks are data, not classes.</summary>
public sealed record BenchmarkSpec(
    string Name,
    IReadOnlyList<string> Aliases,
    string Family,
    BenchmarkKind Kind,
    string Description,
    string SuggestedMetric,
    Func<DataHome, BenchmarkData> Load)
{
    /// <summary>Optional loader that reports progress (e.g. dataset downloads); used instead of
    /// <see cref="Load"/> by <see cref="LoadData"/> when set.</summary>
    public Func<DataHome, IProgressSink, BenchmarkData>? LoadWithProgress { get; init; }

    /// <summary>Downloads the benchmark's data files that are missing (offline: throws, listing them and where
    /// they go) and returns their paths; null for benchmarks without downloaded data (e.g. generated stimuli).</summary>
    public Func<DataHome, IProgressSink, bool, IReadOnlyList<string>>? Fetch { get; init; }

    /// <summary>The data's size as published (stimuli and targets), for memory and disk estimates made
    /// before anything is downloaded (<c>bbscore check</c>); null when unknown or trivial.</summary>
    public BenchmarkSize? Size { get; init; }

    /// <summary>For <see cref="BenchmarkKind.AssemblyToAssembly"/> benchmarks: loads the source and target
    /// recordings (downloading what is missing unless offline), in place of stimuli and a model.</summary>
    public Func<DataHome, IProgressSink, bool, AssemblyPairData>? LoadAssemblyPair { get; init; }

    /// <summary>Set for benchmarks that score features their own way (<see cref="BenchmarkData.OwnMetric"/>): the only
    /// metric keys they take, checked before anything is downloaded.</summary>
    public IReadOnlyList<string>? OnlyMetrics { get; init; }

    /// <summary>Loads the data, reporting progress when the benchmark supports it. With
    /// <paramref name="offline"/>, missing data files fail at once (no network) with the list of what is missing.</summary>
    public BenchmarkData LoadData(DataHome home, IProgressSink progress, bool offline = false)
    {
        if (offline) Fetch?.Invoke(home, progress, true);
        return LoadWithProgress is { } load ? load(home, progress) : Load(home);
    }
}

/// <summary>The published size of a benchmark's data. <see cref="TargetsPerStimulus"/> counts every target
/// value of one stimulus (units × time bins for binned data); <see cref="FramesPerStimulus"/> is the frames each clip
/// is sampled to (1 for images), which an image model multiplies its features by.</summary>
public sealed record BenchmarkSize(int TrainStimuli, int TestStimuli, long TargetsPerStimulus, int FramesPerStimulus = 1);

/// <summary>What a benchmark provides to the runner: stimuli and the targets they are scored
/// against (neural responses, or label columns for synthetic benchmarks), optional test split,
/// per-target ceiling and stratification labels. <see cref="TargetRdms"/> holds precomputed target
/// RDMs (see <see cref="Metrics.MetricInputs.TargetRdms"/>) when the data exist only as RDMs; the
/// target matrices are then (stimuli, 0). <see cref="CompatCeiling"/>, when set, is the ceiling the
/// Python original uses (e.g. NSD's raw NCSNR), used instead of <see cref="Ceiling"/> under
/// <c>--compat bbscore</c>. <see cref="TargetUnitShape"/> is one stimulus's target shape when it has more
/// than one axis (e.g. [units, time bins]); the target matrices then hold it flattened row-major.</summary>
public sealed record BenchmarkData(
    IStimulusSet TrainStimuli,
    double[,] TrainTargets,
    IStimulusSet? TestStimuli = null,
    double[,]? TestTargets = null,
    double[]? Ceiling = null,
    int[]? StratifyLabels = null,
    double[][]? TargetRdms = null,
    double[]? CompatCeiling = null,
    int[]? TargetUnitShape = null)
{
    /// <summary>For benchmarks whose scoring is part of the benchmark (LeBel2023's TR-level encoding model and temporal
    /// RSA): the metric that replaces the catalog's under a key of <see cref="BenchmarkSpec.OnlyMetrics"/>. Its inputs
    /// are the extracted features of <see cref="TrainStimuli"/>; everything else it needs it holds.</summary>
    public Func<string, IMetric>? OwnMetric { get; init; }

    /// <summary>Set when the stimuli depend on the model (LeBel2023's TR-level audio for a model that hears a fixed length,
    /// such as Whisper's 30 s): the data for that model, which the runner uses once the model is open.</summary>
    public Func<Models.IFeatureModel, BenchmarkData>? ForModel { get; init; }

    /// <summary>Target columns per subject (NSD's subjects, TVSD's monkeys) when the targets concatenate several, in
    /// column order; the regression error bars resample subjects as well as stimuli.</summary>
    public IReadOnlyList<int>? UnitsPerSubject { get; init; }

    /// <summary>Classification benchmarks: the classes they define (Physion placement 256, SSV2 40), for online read-outs.</summary>
    public int? NumClasses { get; init; }

    /// <summary>Online benchmarks with augmented training (AugmentedSSV2): the augmented training clips for one epoch
    /// (1-based), which bypass the feature cache and run through the model every epoch; validation uses the clean
    /// <see cref="TrainStimuli"/>.</summary>
    public Func<int, Stimuli.IStimulusSet>? AugmentedTrainStimuli { get; init; }

    /// <summary>The ceiling to use under <paramref name="compat"/>.</summary>
    public double[]? CeilingFor(CompatMode compat) =>
        compat == CompatMode.BBScore && CompatCeiling is not null ? CompatCeiling : Ceiling;
}
