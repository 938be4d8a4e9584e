using BBScore.Features;

namespace BBScore.Benchmarks;

/// <summary>What an assembly-to-assembly benchmark scores: one recording (the source, in place of model
/// features) mapped to another (the target), with the target's ceiling. <see cref="TargetUnitShape"/> is one
/// stimulus's target shape when it has more than one axis (e.g. [units, time bins], flattened row-major).
/// <see cref="SourceName"/> names the source the way results name a model layer; <see cref="ContentHash"/>
/// identifies the exact data (stored with every result in place of a stimulus-set hash).</summary>
public sealed record AssemblyPairData(
    string SourceName,
    FeatureTensor SourceTrain,
    FeatureTensor? SourceTest,
    double[,] TargetTrain,
    double[,]? TargetTest,
    double[]? Ceiling,
    string ContentHash,
    int[]? TargetUnitShape = null);
