using static TorchSharp.torch;

namespace BBScore.Numerics.Pls;

/// <summary>The first left/right singular vectors of XᵀY by the power method, step for step as
/// scikit-learn's <c>_get_first_singular_vectors_power_method</c> in mode "A" without normalised
/// y weights (PLSRegression's setting). The vectors are only as converged as the tolerance makes
/// them, so matching scikit-learn means repeating its exact iteration, not computing an SVD.</summary>
public static class PlsPowerMethod
{
    /// <summary>float64 machine epsilon, numpy's <c>np.finfo(float64).eps</c>.</summary>
    public const double Eps = 2.220446049250313e-16;

    /// <summary>x weights (length p), y weights (length q) and the iterations used. The caller
    /// owns (disposes) both tensors.</summary>
    public sealed record Result(Tensor XWeights, Tensor YWeights, int Iterations);

    /// <summary>Runs the iteration on the residual matrices <paramref name="x"/> (n × p) and
    /// <paramref name="y"/> (n × q), float64. Returns null when every column of <paramref name="y"/>
    /// is ~0 (scikit-learn's "Y residual is constant": no further component exists).</summary>
    public static Result? FirstSingularVectors(Tensor x, Tensor y, int maxIterations, double tolerance)
    {
        var yScore = FirstNonZeroColumn(y);
        if (yScore is null) return null;

        bool singleTarget = y.shape[1] == 1;
        Tensor? previousXWeights = null;
        Tensor xWeights, yWeights;
        int iterations = 0;
        while (true)
        {
            iterations++;
            (xWeights, yWeights, var nextYScore) = Step(x, y, yScore);
            yScore.Dispose();
            yScore = nextYScore;

            // scikit-learn starts from x_weights_old = 100, which no unit vector is within tolerance
            // of, so the first pass never converges by distance; a single target stops after it.
            bool converged = previousXWeights is not null && SquaredDistance(xWeights, previousXWeights) < tolerance;
            previousXWeights?.Dispose();
            previousXWeights = null;
            if (converged || singleTarget || iterations == maxIterations) break;
            previousXWeights = xWeights;
            yWeights.Dispose();
        }
        yScore.Dispose();
        return new Result(xWeights, yWeights, iterations);
    }

    /// <summary>One power-method pass: x weights from the y score (unit length), y weights from the
    /// resulting x score, and the next y score.</summary>
    static (Tensor XWeights, Tensor YWeights, Tensor YScore) Step(Tensor x, Tensor y, Tensor yScore)
    {
        using var scope = NewDisposeScope();
        var xWeights = x.t().mv(yScore).div_(Dot(yScore, yScore));
        xWeights.div_(Math.Sqrt(Dot(xWeights, xWeights)) + Eps);
        var xScore = x.mv(xWeights);
        var yWeights = y.t().mv(xScore).div_(Dot(xScore, xScore));
        var nextYScore = y.mv(yWeights).div_(Dot(yWeights, yWeights) + Eps);
        return (xWeights.MoveToOuterDisposeScope(), yWeights.MoveToOuterDisposeScope(), nextYScore.MoveToOuterDisposeScope());
    }

    /// <summary>The starting y score: the first column of <paramref name="y"/> with any |value| &gt; eps.</summary>
    static Tensor? FirstNonZeroColumn(Tensor y)
    {
        using var scope = NewDisposeScope();
        var flags = y.abs().gt(Eps).any(0).data<bool>().ToArray();
        int column = Array.IndexOf(flags, true);
        return column < 0 ? null : y[TensorIndex.Colon, column].contiguous().MoveToOuterDisposeScope();
    }

    internal static double Dot(Tensor a, Tensor b)
    {
        using var product = a.dot(b);
        return product.item<double>();
    }

    static double SquaredDistance(Tensor a, Tensor b)
    {
        using var difference = a - b;
        return Dot(difference, difference);
    }
}
