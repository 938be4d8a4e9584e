using BBScore.Features;

namespace BBScore.Metrics;

/// <summary>Everything a metric sees: model features (or a source assembly) and targets (neural
/// responses or label columns), an optional held-out test set, the per-target ceiling, optional
/// stratification labels, and the run's seed.</summary>
public sealed record MetricInputs(
    FeatureTensor TrainFeatures,
    double[,] TrainTargets,
    FeatureTensor? TestFeatures = null,
    double[,]? TestTargets = null,
    double[]? Ceiling = null,
    int[]? StratifyLabels = null,
    int Seed = 42,
    CompatMode Compat = CompatMode.Fixed);

/// <summary><see cref="Fixed"/>: our documented fixes (plain Pearson r, ...). <see cref="BBScore"/>:
/// reproduce the Python original's numbers where we deliberately differ.</summary>
public enum CompatMode { Fixed, BBScore }
