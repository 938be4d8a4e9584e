using BBScore.Numerics;
using BBScore.Numerics.Ridge;

namespace BBScore.Metrics.Regression;

/// <summary>A fitted ridge model (from <see cref="RidgeCvRegressor"/> or <see cref="RidgeRegressor"/>) as an
/// <see cref="ILinearFit"/>. <see cref="Coef"/> is formed on first access when the model is held in dual form.</summary>
public sealed class RidgeLinearFit(RidgeSolution solution, AlphaGridEdges? edges) : ILinearFit
{
    /// <summary>The solver's full result (LOO errors per alpha, means, weights).</summary>
    public RidgeSolution Solution { get; } = solution;

    /// <summary>How many targets chose the smallest or largest alpha of the searched grid; null for a fixed alpha.</summary>
    public AlphaGridEdges? Edges { get; } = edges;

    public float[] Coef => Solution.Weights.Coefficients();
    public int Features => Solution.Features;
    public int Targets => Solution.Targets;
    public double[] Intercept => Solution.Intercept;
    public double[]? Alpha => Solution.Alpha;

    /// <summary>x·W + b, computed as ȳ + (x − x̄)·W with TorchSharp.</summary>
    public double[,] Predict(FeatureMatrix x) => Solution.Predict(x);
}
