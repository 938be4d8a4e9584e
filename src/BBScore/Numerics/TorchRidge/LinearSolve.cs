using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace BBScore.Numerics.TorchRidge;

/// <summary>A · X = B as the original solves it: LU (<c>torch.linalg.solve</c>), falling back to
/// least squares when libtorch reports the matrix singular.</summary>
internal static class LinearSolve
{
    public static Tensor Solve(Tensor a, Tensor b)
    {
        try
        {
            return linalg.solve(a, b);
        }
        catch (ExternalException)
        {
            var (solution, residuals, rank, singularValues) = linalg.lstsq(a, b);
            residuals.Dispose();
            rank.Dispose();
            singularValues.Dispose();
            return solution;
        }
    }

    /// <summary>(M + alpha·I), a new tensor.</summary>
    public static Tensor AddRidge(Tensor m, double alpha)
    {
        using var identity = eye(m.shape[0], dtype: m.dtype);
        return m.add(identity, alpha);
    }
}
