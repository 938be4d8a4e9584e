using BBScore.Numerics;
using BBScore.Numerics.Pls;

namespace BBScore.Metrics.Regression;

/// <summary>A fitted PLS model. Predictions use the low-rank form (features → components →
/// targets), which is cheaper and more exact than the full coefficient matrix; <see cref="Coef"/>
/// is built on first access only.</summary>
public sealed class PlsLinearFit : ILinearFit
{
    readonly PlsLinearMap _map;
    readonly Lazy<float[]> _coef;

    public PlsLinearFit(PlsLinearMap map)
    {
        _map = map;
        _coef = new Lazy<float[]>(map.CoefFloat32);
    }

    public int Components => _map.Components;
    public float[] Coef => _coef.Value;
    public int Features => _map.Features;
    public int Targets => _map.Targets;

    /// <summary>ȳ − x̄·coef, so that prediction = x·coef + intercept (scikit-learn's own
    /// <c>intercept_</c> is ȳ, applied to centred x).</summary>
    public double[] Intercept => _map.Intercept;

    /// <summary>PLS has no regularisation strength.</summary>
    public double[]? Alpha => null;

    public double[,] Predict(FeatureMatrix x) => _map.Predict(x);
}
