using BBScore.Data;
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
    Func<DataHome, BenchmarkData> Load);

/// <summary>What a benchmark provides to the runner: stimuli and the targets they are scored
/// against (neural responses, or label columns for synthetic benchmarks), optional test split,
/// per-target ceiling and stratification labels. <see cref="TargetRdms"/> holds precomputed target
/// RDMs (see <see cref="Metrics.MetricInputs.TargetRdms"/>) when the data exist only as RDMs; the
/// target matrices are then (stimuli, 0).</summary>
public sealed record BenchmarkData(
    IStimulusSet TrainStimuli,
    double[,] TrainTargets,
    IStimulusSet? TestStimuli = null,
    double[,]? TestTargets = null,
    double[]? Ceiling = null,
    int[]? StratifyLabels = null,
    double[][]? TargetRdms = null);
