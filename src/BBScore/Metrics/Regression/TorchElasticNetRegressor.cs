using BBScore.Numerics;
using BBScore.Numerics.ElasticNet;

namespace BBScore.Metrics.Regression;

/// <summary>The model of the <c>torch_lasso</c> (<paramref name="l1Ratio"/> 1.0) and
/// <c>torch_elastic</c> (0.5) metrics: <see cref="FistaElasticNet"/> with the original's other
/// defaults (5000 iterations, tolerance 1e-4, 10% validation split seeded by <paramref name="seed"/>).</summary>
public sealed class TorchElasticNetRegressor(IReadOnlyList<double> alphas, double l1Ratio, int seed) : IRegressor
{
    readonly FistaElasticNet _solver = new(alphas, new ElasticNetSettings(l1Ratio), seed);

    public IReadOnlyList<double> Alphas => _solver.Alphas;
    public double L1Ratio => _solver.Settings.L1Ratio;
    public int Seed { get; } = seed;

    public IFittedRegressor Fit(FeatureMatrix x, double[,] y, CancellationToken cancel = default) =>
        new TorchRidgeFamilyFit(_solver.Fit(x, y, cancel));
}
