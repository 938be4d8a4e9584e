using BBScore.Numerics;
using BBScore.Numerics.TorchRidge;

namespace BBScore.Metrics.Regression;

/// <summary>The fitted model of the <c>torch_ridge</c>, <c>torch_lasso</c> and <c>torch_elastic</c>
/// regressors (all modes of the original's <c>RidgeAutoMetric</c>): linear weights with one alpha
/// shared by every target.</summary>
public sealed class TorchRidgeFamilyFit : ILinearFit
{
    readonly LinearWeights _weights;

    public TorchRidgeFamilyFit(ValidatedLinearFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        _weights = fit.Weights;
        SharedAlpha = fit.Alpha;
        ValidationScores = fit.ValidationScores;
    }

    /// <summary>The alpha chosen for all targets (the original's <c>best_alpha</c>).</summary>
    public double SharedAlpha { get; }

    /// <summary>Validation score per scanned alpha, for diagnostics.</summary>
    public IReadOnlyList<double> ValidationScores { get; }

    public float[] Coef => _weights.Coef;
    public int Features => _weights.Features;
    public int Targets => _weights.Targets;
    public double[] Intercept => _weights.Intercept;

    /// <summary><see cref="SharedAlpha"/> repeated once per target.</summary>
    public double[]? Alpha => Enumerable.Repeat(SharedAlpha, Targets).ToArray();

    public double[,] Predict(FeatureMatrix x) => _weights.Predict(x);
}
