using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>Collects the weights (written straight into the managed array the solution keeps) and the
/// intercepts, chunk by chunk.</summary>
internal sealed class RidgeSolutionBuilder
{
    readonly RidgeEigenBasis _basis;
    readonly CenteredFeatures _features;
    readonly int _targets;
    readonly float[] _weights;
    readonly Tensor _weightsView;   // a tensor over _weights itself: each chunk is written straight into it
    readonly Tensor _meanRow;       // x̄·W = _meanRow · (stored weights)
    readonly double[] _targetMeans;
    readonly double[] _intercept;

    public RidgeSolutionBuilder(RidgeEigenBasis basis, CenteredFeatures features, int targets)
    {
        _basis = basis;
        _features = features;
        _targets = targets;
        int rows = basis is KernelEigenBasis ? features.Rows : features.Cols;
        _weights = new float[(long)rows * targets];
        _weightsView = ManagedTensors.View(_weights, rows, targets).DetachFromDisposeScope();
        _meanRow = basis.MeanRow(features).to_type(ScalarType.Float32).DetachFromDisposeScope();
        _targetMeans = new double[targets];
        _intercept = new double[targets];
    }

    public void Add(TargetChunk chunk, Tensor projection, double[] alphas)
    {
        var weights = _weightsView.narrow(1, chunk.Start, chunk.Count);
        _basis.WriteWeights(projection, alphas, weights);
        // b = ȳ − x̄·W (x̄·W in the weights' float32, like the predictions).
        var meanPart = ManagedTensors.ToDoubles(_meanRow.mm(weights));
        for (int k = 0; k < chunk.Count; k++)
        {
            _targetMeans[chunk.Start + k] = chunk.Means[k];
            _intercept[chunk.Start + k] = chunk.Means[k] - meanPart[k];
        }
    }

    public RidgeSolution Build(double[] alphas, double[,]? looErrors, IReadOnlyList<double>? grid, int refinedTargets)
    {
        _meanRow.Dispose();
        _weightsView.Dispose();
        var weights = _basis.CreateWeights(_weights, _targets, _features);
        return new RidgeSolution(weights, _features.Means, _targetMeans, _intercept, alphas, looErrors, grid, refinedTargets);
    }
}
