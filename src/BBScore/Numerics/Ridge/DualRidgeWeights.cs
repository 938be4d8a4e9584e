using BBScore.Numerics.Blas;
using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>W = Xcᵀ C kept as dual coefficients C (training rows × targets) plus a reference to the training
/// features: the n ≤ p case, where C is p/n times smaller than W (25088 × 5000 weights are 0.5 GB; 900 × 5000
/// dual coefficients 18 MB) and predictions (x − x̄)·Xcᵀ·C cost less than forming W. <see cref="Coefficients"/>
/// forms W once, on request. The training matrix must not be modified while this object is in use; training rows on disk
/// are read again, a block of columns at a time, for each prediction and for W.</summary>
public sealed class DualRidgeWeights : RidgeWeights
{
    readonly FeatureMatrix _training;
    readonly double[] _trainingMeans;
    readonly float[] _dual;
    float[]? _primal;

    readonly long _streamBlockBytes;

    /// <param name="streamBlockBytes">Column block size when <paramref name="training"/> is on disk (see <see cref="RidgeSolverOptions.StreamBlockBytes"/>).</param>
    public DualRidgeWeights(FeatureMatrix training, double[] trainingMeans, float[] dual, int targets, long streamBlockBytes = RidgeSolverOptions.DefaultStreamBlockBytes)
    {
        _streamBlockBytes = streamBlockBytes;
        if ((long)training.Rows * targets != dual.Length)
            throw new ArgumentException($"{training.Rows} x {targets} dual coefficients need {(long)training.Rows * targets} values, got {dual.Length}.");
        if (trainingMeans.Length != training.Cols) throw new ArgumentException($"Expected {training.Cols} feature means, got {trainingMeans.Length}.");
        _training = training;
        _trainingMeans = trainingMeans;
        _dual = dual;
        Targets = targets;
    }

    public override int Features => _training.Cols;
    public override int Targets { get; }

    /// <summary>The dual coefficients C, training rows × targets, row-major.</summary>
    public float[] DualCoefficients => _dual;

    internal override Tensor CenteredProduct(FeatureMatrix x)
    {
        using var scope = NewDisposeScope();
        using var training = CenteredFeatures.WithMeans(_training, _trainingMeans, ScalarType.Float32, _streamBlockBytes);
        using var rows = training.WithSameMeans(x);
        // (x − x̄)·Xcᵀ accumulated over feature blocks, then · C
        var kernel = zeros(x.Rows, _training.Rows);
        foreach (var (start, count) in training.ColumnBlocks())
            MatrixProduct.Into(kernel, rows.ColumnBlock(start, count), training.ColumnBlock(start, count).t(), beta: 1);
        return MatrixProduct.Of(kernel, ManagedTensors.View(_dual, _training.Rows, Targets)).MoveToOuterDisposeScope();
    }

    public override float[] Coefficients()
    {
        if (_primal is not null) return _primal;
        TorchRuntime.EnsureLoaded();
        var primal = new float[(long)Features * Targets];
        using (var scope = NewDisposeScope())
        {
            using var training = CenteredFeatures.WithMeans(_training, _trainingMeans, ScalarType.Float32, _streamBlockBytes);
            var dual = ManagedTensors.View(_dual, _training.Rows, Targets);
            var destination = ManagedTensors.View(primal, Features, Targets); // writes straight into the managed array
            foreach (var (start, count) in training.ColumnBlocks())
                MatrixProduct.Into(destination.narrow(0, start, count), training.ColumnBlock(start, count).t(), dual);
        }
        return _primal = primal;
    }
}
