using BBScore.Numerics.Blas;
using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>W stored as is (features × targets): the n &gt; p case.</summary>
public sealed class PrimalRidgeWeights : RidgeWeights
{
    readonly float[] _weights;
    readonly double[] _featureMeans;

    public PrimalRidgeWeights(float[] weights, int features, int targets, double[] featureMeans)
    {
        if ((long)features * targets != weights.Length)
            throw new ArgumentException($"{features} x {targets} weights need {(long)features * targets} values, got {weights.Length}.");
        if (featureMeans.Length != features) throw new ArgumentException($"Expected {features} feature means, got {featureMeans.Length}.");
        _weights = weights;
        _featureMeans = featureMeans;
        Features = features;
        Targets = targets;
    }

    public override int Features { get; }
    public override int Targets { get; }

    internal override Tensor CenteredProduct(FeatureMatrix x)
    {
        using var scope = NewDisposeScope();
        using var rows = CenteredFeatures.WithMeans(x, _featureMeans, ScalarType.Float32);
        var weights = ManagedTensors.View(_weights, Features, Targets);
        var result = zeros(x.Rows, Targets);
        foreach (var (start, count) in rows.ColumnBlocks())
            MatrixProduct.Into(result, rows.ColumnBlock(start, count), weights.narrow(0, start, count), beta: 1);
        return result.MoveToOuterDisposeScope();
    }

    public override float[] Coefficients() => _weights;
}
