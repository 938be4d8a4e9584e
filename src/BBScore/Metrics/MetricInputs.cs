using BBScore.Features;

namespace BBScore.Metrics;

/// <summary>Everything a metric sees: model features (or a source assembly) and targets (neural
/// responses or label columns), an optional held-out test set, the per-target ceiling, optional
/// stratification labels or group ids (e.g. stories, for GroupKFold), and the run's seed.
/// <see cref="TargetUnitShape"/> is the shape of one stimulus's targets when they have more than
/// one axis (e.g. [units, time bins]); the target matrices then hold them flattened row-major.
/// <see cref="TargetRdms"/> holds precomputed target RDMs instead of (or besides) responses, for the RSA
/// family: one condensed upper-triangle vector (length N(N−1)/2, row-major order of scipy's <c>squareform</c>)
/// per subject, over the training stimuli in their order; given alone (<c>--target-rdm</c>), the target
/// matrices are (stimuli, 0) placeholders. <see cref="UnitsPerSubject"/> gives, when the targets are several
/// subjects' (or monkeys') units concatenated, how many target columns each contributes, in column order: the
/// error bars then resample subjects as well as stimuli.</summary>
public sealed record MetricInputs(
    FeatureTensor TrainFeatures,
    double[,] TrainTargets,
    FeatureTensor? TestFeatures = null,
    double[,]? TestTargets = null,
    double[]? Ceiling = null,
    int[]? StratifyLabels = null,
    int Seed = 42,
    CompatMode Compat = CompatMode.Fixed,
    int[]? Groups = null,
    int[]? TargetUnitShape = null,
    double[][]? TargetRdms = null,
    IReadOnlyList<int>? UnitsPerSubject = null);

/// <summary><see cref="Fixed"/>: our documented fixes (plain Pearson r, ...). <see cref="BBScore"/>:
/// reproduce the Python original's numbers where we deliberately differ.</summary>
public enum CompatMode { Fixed, BBScore }
