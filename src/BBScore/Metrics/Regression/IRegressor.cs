using BBScore.Numerics;

namespace BBScore.Metrics.Regression;

/// <summary>A regression method (RidgeCV, fixed Ridge, PLS, ...) that fits features → targets.
/// One instance is reused across folds; every <see cref="Fit"/> returns an independent model.</summary>
public interface IRegressor
{
    IFittedRegressor Fit(FeatureMatrix x, double[,] y, CancellationToken cancel = default);
}

/// <summary>A fitted model: predicts (rows × targets) from features.</summary>
public interface IFittedRegressor
{
    double[,] Predict(FeatureMatrix x);
}

/// <summary>A fitted linear model whose weights can be stored with test-set results (keys
/// <c>coef</c>, <c>intercept</c>, <c>alpha</c>).</summary>
public interface ILinearFit : IFittedRegressor
{
    /// <summary>Weights, features × targets, row-major float32 (like the original's coef_.T); large
    /// (25088 × 5000 is 0.5 GB), so callers decide whether to store it.</summary>
    float[] Coef { get; }
    int Features { get; }
    int Targets { get; }
    double[] Intercept { get; }

    /// <summary>The regularisation chosen per target (or one value repeated), null when not applicable.</summary>
    double[]? Alpha { get; }
}
