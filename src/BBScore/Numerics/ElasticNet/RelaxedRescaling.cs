using static TorchSharp.torch;

namespace BBScore.Numerics.ElasticNet;

/// <summary>
/// The original's "relaxed lasso" step after the refit: each target's weight vector w is scaled by
/// s = (wᵀXᵀy) / (wᵀXᵀXw + 1e−10), the least-squares amplitude along w, which undoes the L1
/// shrinkage of its length (not of its support). Computed in float64 on the full Gram matrices.
/// </summary>
public static class RelaxedRescaling
{
    public const double Epsilon = 1e-10;

    /// <summary>One scale per target (float64, length = targets).</summary>
    /// <param name="weights">Features × targets.</param>
    /// <param name="xtx">Centred XᵀX.</param>
    /// <param name="xty">Centred Xᵀy.</param>
    public static Tensor Scales(Tensor weights, Tensor xtx, Tensor xty)
    {
        using var scope = NewDisposeScope();
        var w = weights.to_type(ScalarType.Float64);
        var numerator = w.mul(xty.to_type(ScalarType.Float64)).sum(dim: 0);
        var denominator = w.mul(xtx.to_type(ScalarType.Float64).mm(w)).sum(dim: 0).add_(Epsilon);
        return numerator.div_(denominator).MoveToOuterDisposeScope();
    }

    /// <summary>The rescaled weights, float32 (the scales are rounded to float32 first, as in the original).</summary>
    public static Tensor Apply(Tensor weights, Tensor xtx, Tensor xty)
    {
        using var scales = Scales(weights, xtx, xty);
        using var scales32 = scales.to_type(ScalarType.Float32);
        return weights.to_type(ScalarType.Float32).mul(scales32);
    }
}
