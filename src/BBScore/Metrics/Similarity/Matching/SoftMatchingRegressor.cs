using BBScore.Metrics.Regression;
using BBScore.Numerics;

namespace BBScore.Metrics.Similarity.Matching;

/// <summary><see cref="SoftMatchingModel"/> with a fixed regularisation, as a regressor, so soft
/// matching cross-validates and scores (Pearson, R² per target) through <see cref="RegressionEvaluation"/>
/// exactly like the regression metrics.</summary>
public sealed class SoftMatchingRegressor(double? reg) : IRegressor
{
    public double? Reg { get; } = reg;

    /// <summary>Fits that did not converge within <see cref="SoftMatchingModel.MaxIterations"/>.</summary>
    public int Unconverged { get; private set; }

    public IFittedRegressor Fit(FeatureMatrix x, double[,] y, CancellationToken cancel = default)
    {
        cancel.ThrowIfCancellationRequested();
        var model = SoftMatchingModel.Fit(x, y, Reg);
        if (!model.Converged) Unconverged++;
        return model;
    }
}
