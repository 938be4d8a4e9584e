using static TorchSharp.torch;

namespace BBScore.Numerics.TorchRidge;

/// <summary>The score the torch solvers rank alphas by: mean over targets of
/// 1 − Σ(y−ŷ)² / (Σy² + 1e−6), with y already centred by the full-data mean (so Σy² is not the
/// validation rows' own total sum of squares, exactly as in the original).</summary>
public static class ValidationScore
{
    const double Epsilon = 1e-6;

    /// <summary>Both tensors are (validation rows × targets) float32, as in the original.</summary>
    public static double MeanR2(Tensor centredTargets, Tensor predictions)
    {
        using var scope = NewDisposeScope();
        // dim named: a bare literal 0 would bind to the sum(ScalarType) overload (ScalarType.Byte).
        var residual = centredTargets.sub(predictions).square().sum(dim: 0);
        var total = centredTargets.square().sum(dim: 0).add_(Epsilon);
        return residual.div_(total).neg_().add_(1.0).mean().item<float>();
    }
}
