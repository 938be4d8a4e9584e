using static TorchSharp.torch;

namespace BBScore.Numerics.ElasticNet;

/// <summary>
/// FISTA on the covariance form of scikit-learn's elastic-net objective
/// 1/(2n)‖y − Xw‖² + λ1‖w‖₁ + λ2/2‖w‖² (λ1 = α·l1_ratio, λ2 = α·(1 − l1_ratio)), all targets at
/// once, in float32 as the original's <c>_fista_solve_cov</c>:
/// z = (1 − step·λ2)·y_k − (step/n)·XᵀX·y_k + (step/n)·Xᵀy, w = soft_threshold(z, λ1·step),
/// step = 1 / (L/n + λ2), Nesterov momentum, stop when ‖w − w_old‖ / (‖w‖ + 1e−10) &lt; tol.
/// </summary>
public static class FistaSolver
{
    const double NormGuard = 1e-10;

    /// <param name="xtx">Centred XᵀX, features × features, float32.</param>
    /// <param name="xty">Centred Xᵀy, features × targets, float32.</param>
    /// <param name="rows">n, the number of rows behind the Gram matrices.</param>
    /// <param name="lipschitz">Largest eigenvalue of <paramref name="xtx"/> (see the power-iteration estimate).</param>
    /// <param name="start">Warm start (features × targets), or null for zeros; not modified.</param>
    /// <param name="iterations">Iterations run (the original's k + 1).</param>
    /// <returns>The weights, float32, owned by the caller.</returns>
    public static Tensor Solve(Tensor xtx, Tensor xty, int rows, double alpha, double l1Ratio, double lipschitz,
        Tensor? start, int maxIterations, double tolerance, out int iterations, CancellationToken cancel = default)
    {
        double lambda1 = alpha * l1Ratio, lambda2 = alpha * (1.0 - l1Ratio);
        double curvature = lipschitz / rows + lambda2;
        iterations = 0;
        // Only when every centred feature is zero (XᵀX = 0, hence Xᵀy = 0) with a pure L1 penalty:
        // w = 0 is then the exact minimiser, where the original divides by zero.
        if (!(curvature > 0)) return zeros(xty.shape, ScalarType.Float32);

        using var solveScope = NewDisposeScope();
        double step = 1.0 / curvature;
        double threshold = lambda1 * step;
        float decay = (float)(1.0 - step * lambda2), gradientScale = (float)(-step / rows);
        var bias = xty.to_type(ScalarType.Float32).mul(step / rows);

        var w = start is null ? zeros(xty.shape, ScalarType.Float32) : start.to_type(ScalarType.Float32).clone();
        var momentumPoint = w.clone();
        double t = 1.0;
        for (int k = 0; k < maxIterations; k++)
        {
            cancel.ThrowIfCancellationRequested();
            iterations = k + 1;
            using var scope = NewDisposeScope();
            var z = momentumPoint.addmm(xtx, momentumPoint, beta: decay, alpha: gradientScale).add_(bias);
            var next = SoftThreshold(z, threshold);
            double change = next.sub(w).norm().item<float>() / (next.norm().item<float>() + NormGuard);
            if (change < tolerance)
            {
                Replace(ref w, next);
                break;
            }
            double tNext = (1.0 + Math.Sqrt(1.0 + 4.0 * t * t)) / 2.0;
            double momentum = (t - 1.0) / tNext;
            var nextPoint = next.sub(w).mul_(momentum).add_(next);
            Replace(ref w, next);
            Replace(ref momentumPoint, nextPoint);
            t = tNext;
        }
        return w.MoveToOuterDisposeScope();
    }

    /// <summary>sign(z)·max(|z| − threshold, 0).</summary>
    public static Tensor SoftThreshold(Tensor z, double threshold) =>
        z.sign().mul_(z.abs().sub_(threshold).relu_());

    /// <summary>Keeps <paramref name="replacement"/> past the iteration's dispose scope (in the solve's
    /// scope) and frees the old value now, so only a few D × T tensors are alive at any time.</summary>
    static void Replace(ref Tensor current, Tensor replacement)
    {
        current.Dispose();
        current = replacement.MoveToOuterDisposeScope();
    }
}
