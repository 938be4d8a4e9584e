using BBScore.Numerics;
using BBScore.Numerics.TorchRidge;

namespace BBScore.Metrics.Regression;

/// <summary>The model of the <c>torch_ridge</c> metric: <see cref="TorchRidgeCv"/> (float32 ridge,
/// one alpha for all targets chosen on a validation split seeded by <paramref name="seed"/>).</summary>
public sealed class TorchRidgeCvRegressor(IReadOnlyList<double> alphas, int seed) : IRegressor
{
    readonly TorchRidgeCv _solver = new(alphas, seed);

    public IReadOnlyList<double> Alphas => _solver.Alphas;
    public int Seed { get; } = seed;

    public IFittedRegressor Fit(FeatureMatrix x, double[,] y, CancellationToken cancel = default) =>
        new TorchRidgeFamilyFit(_solver.Fit(x, y, cancel));
}
