using BBScore.Numerics;
using BBScore.Numerics.Ridge;

namespace BBScore.Metrics.Regression;

/// <summary>scikit-learn <c>Ridge(alpha, fit_intercept=True)</c> for many targets at once.</summary>
public sealed class RidgeRegressor : IRegressor
{
    public RidgeRegressor(double alpha, RidgeSolverOptions? options = null)
    {
        RidgeAlphas.Validate([alpha]);
        Alpha = alpha;
        Options = options ?? RidgeSolverOptions.Default;
    }

    public double Alpha { get; }
    public RidgeSolverOptions Options { get; }

    public IFittedRegressor Fit(FeatureMatrix x, double[,] y, CancellationToken cancel = default)
        => new RidgeLinearFit(RidgeSolver.FitFixed(x, y, Alpha, Options, cancel), edges: null);
}
