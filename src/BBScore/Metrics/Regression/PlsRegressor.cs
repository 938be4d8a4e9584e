using BBScore.Numerics;
using BBScore.Numerics.Pls;

namespace BBScore.Metrics.Regression;

/// <summary>scikit-learn's <c>PLSRegression(n_components=components)</c> with its defaults
/// (scale=True, NIPALS, max_iter=500, tol=1e-06), the model of the original's <c>pls</c> metric.</summary>
public sealed class PlsRegressor : IRegressor
{
    public PlsRegressor(int components)
    {
        if (components < 1) throw new ArgumentOutOfRangeException(nameof(components), "PLS needs at least one component.");
        Components = components;
    }

    public int Components { get; }

    /// <summary>Fits on <paramref name="x"/> → <paramref name="y"/>. Throws when <see cref="Components"/>
    /// exceeds the number of features, as scikit-learn does; use <see cref="PlsComponentGrid"/> to
    /// choose a count the data allow.</summary>
    public IFittedRegressor Fit(FeatureMatrix x, double[,] y, CancellationToken cancel = default)
    {
        var fit = PlsNipals.Fit(x, y, Components, cancel: cancel);
        return new PlsLinearFit(PlsLinearMap.From(fit));
    }
}
