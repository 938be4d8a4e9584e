using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Numerics.Correlation;
using BBScore.Numerics.Ridge;
using BBScore.Numerics.Transport;
using static TorchSharp.torch;

namespace BBScore.Metrics.Similarity.Matching;

/// <summary>
/// The original's <c>SoftMatching(correlation=True)</c>: an optimal-transport "soft permutation" P
/// between source units (D) and target units (T), fitted on training rows, used as a linear map.
/// </summary>
/// <remarks>
/// Fit: cost M = 1 − r (POT's <c>ot.dist(..., 'correlation')</c>) between unit response columns, an
/// undefined r (constant unit) read as 0 (the original's NaN → 1), clipped to [0, 2]; P =
/// Sinkhorn(1/D, 1/T, M, reg, 100 000 iterations) (<see cref="Sinkhorn"/>), or the exact plan
/// (<see cref="ExactTransport"/>) when reg is null. Weights W = (P ∘ (1 − M)) · T.
/// Predict: Ŷ = ((X − mean_x) / ‖x‖) · W · ‖y‖ + mean_y, with means and uncentred column norms of the
/// training rows (as the original); a unit whose training norm is 0 contributes 0 (the original's
/// <c>np.divide(where=…)</c> leaves such entries uninitialised).
/// </remarks>
public sealed class SoftMatchingModel : IFittedRegressor
{
    /// <summary>The original's <c>max_iter</c>.</summary>
    public const int MaxIterations = 100_000;

    readonly double[] _weights; // D × T row-major
    readonly double[] _xMean, _xNorm, _yMean, _yNorm;

    SoftMatchingModel(double[] weights, double[] xMean, double[] xNorm, double[] yMean, double[] yNorm, bool converged)
    {
        _weights = weights;
        _xMean = xMean;
        _xNorm = xNorm;
        _yMean = yMean;
        _yNorm = yNorm;
        Converged = converged;
    }

    public int Sources => _xMean.Length;
    public int Targets => _yMean.Length;

    /// <summary>False when Sinkhorn hit the iteration limit before its marginals met the stop threshold
    /// (POT warns then); the plan is still used, as there.</summary>
    public bool Converged { get; }

    /// <param name="reg">Entropic regularisation, or null for exact transport.</param>
    public static SoftMatchingModel Fit(FeatureMatrix x, double[,] y, double? reg)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rows != y.GetLength(0)) throw new ArgumentException($"Features have {x.Rows} rows but targets have {y.GetLength(0)}.");
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var xs = ManagedTensors.View(x.Data, x.Rows, x.Cols).to_type(ScalarType.Float64);
        var ys = from_array(y);
        var correlations = PearsonMatrix.BetweenColumns(xs, ys).nan_to_num_(0.0);
        var cost = correlations.neg().add_(1.0).clamp_(0.0, 2.0);
        int sources = x.Cols, targets = y.GetLength(1);

        Tensor plan;
        bool converged = true;
        if (reg is { } r)
        {
            var a = full(sources, 1.0 / sources, ScalarType.Float64);
            var b = full(targets, 1.0 / targets, ScalarType.Float64);
            (plan, _, double error) = Sinkhorn.Solve(a, b, cost, r, MaxIterations);
            converged = error < Sinkhorn.DefaultStopThreshold;
        }
        else
        {
            var exact = ExactTransport.Solve(Enumerable.Repeat(1.0 / sources, sources).ToArray(),
                Enumerable.Repeat(1.0 / targets, targets).ToArray(), PearsonMatrix.ToArray(cost));
            plan = from_array(exact.Plan);
        }
        // The original weights by 1 − M, i.e. the clipped correlation.
        var weights = plan.mul(cost.neg().add_(1.0)).mul_(targets);
        return new SoftMatchingModel(
            ManagedTensors.ToDoubles(weights),
            ManagedTensors.ToDoubles(xs.mean([0])), ManagedTensors.ToDoubles(linalg.vector_norm(xs, 2, [0])),
            ManagedTensors.ToDoubles(ys.mean([0])), ManagedTensors.ToDoubles(linalg.vector_norm(ys, 2, [0])),
            converged);
    }

    public double[,] Predict(FeatureMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Cols != Sources) throw new ArgumentException($"The model was fitted on {Sources} feature columns, got {x.Cols}.");
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var xNorm = from_array(_xNorm);
        var inverseNorm = xNorm.reciprocal().masked_fill_(xNorm.eq(0.0), 0.0);
        var standardized = ManagedTensors.View(x.Data, x.Rows, x.Cols).to_type(ScalarType.Float64)
            .sub_(from_array(_xMean)).mul_(inverseNorm);
        var predicted = standardized.mm(from_array(_weights).view(Sources, Targets))
            .mul_(from_array(_yNorm)).add_(from_array(_yMean));
        return PearsonMatrix.ToArray(predicted);
    }
}
