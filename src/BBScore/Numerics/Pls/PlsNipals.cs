using static TorchSharp.torch;

namespace BBScore.Numerics.Pls;

/// <summary>PLS regression ("PLS2", regression deflation) fitted by NIPALS exactly as scikit-learn's
/// <c>PLSRegression(n_components, scale=True, max_iter=500, tol=1e-06)</c>: standardise X and Y,
/// then per component find the first singular vectors of XₖᵀYₖ by the power method, fix their sign,
/// and deflate both Xₖ and Yₖ by the x scores. The n × p products run on TorchSharp in float64.</summary>
public static class PlsNipals
{
    public const int DefaultMaxIterations = 500;
    public const double DefaultTolerance = 1e-6;

    /// <summary>Fits <paramref name="components"/> components of <paramref name="y"/> (rows × targets)
    /// on <paramref name="x"/>. Like scikit-learn (since 1.1), at most as many components as features.</summary>
    public static PlsFit Fit(FeatureMatrix x, double[,] y, int components,
        int maxIterations = DefaultMaxIterations, double tolerance = DefaultTolerance, CancellationToken cancel = default)
    {
        int rows = x.Rows, features = x.Cols, targets = y.GetLength(1);
        if (y.GetLength(0) != rows) throw new ArgumentException($"X has {rows} rows but Y has {y.GetLength(0)}.", nameof(y));
        if (components < 1 || components > features)
            throw new ArgumentOutOfRangeException(nameof(components),
                $"PLS regression can fit 1 to {features} components (the number of features); {components} were asked for.");
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), "At least one iteration is needed.");

        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        Tensor xk;
        using (var single = tensor(x.Data, [rows, features])) xk = single.to_type(ScalarType.Float64);
        var yk = tensor(MatrixSpan.Of(y).ToArray(), [rows, targets], ScalarType.Float64);
        var xScaling = PlsScaling.StandardizeInPlace(xk);
        var yScaling = PlsScaling.StandardizeInPlace(yk);

        var found = new ComponentColumns();
        for (int k = 0; k < components; k++)
        {
            cancel.ThrowIfCancellationRequested();
            if (!AddComponent(xk, yk, maxIterations, tolerance, found)) break;
        }
        return found.ToFit(xScaling, yScaling, rows);
    }

    /// <summary>Finds one component, records it, and deflates <paramref name="xk"/> and
    /// <paramref name="yk"/> in place. False when the Y residual is ~0 and no component remains.</summary>
    static bool AddComponent(Tensor xk, Tensor yk, int maxIterations, double tolerance, ComponentColumns found)
    {
        using var scope = NewDisposeScope();
        // scikit-learn zeroes Y columns whose residual is entirely below 10 eps before each component.
        var nearZeroColumns = yk.abs().lt(10 * PlsPowerMethod.Eps).all(0);
        yk.masked_fill_(nearZeroColumns, 0.0);

        var vectors = PlsPowerMethod.FirstSingularVectors(xk, yk, maxIterations, tolerance);
        if (vectors is null) return false;
        var (xWeights, yWeights, iterations) = vectors;
        FlipSigns(xWeights, yWeights);

        var xScores = xk.mv(xWeights);
        double scoreNorm = PlsPowerMethod.Dot(xScores, xScores);
        var xLoadings = xk.t().mv(xScores).div_(scoreNorm);
        xk.addr_(xScores, xLoadings, beta: 1, alpha: -1);
        // Regression deflation: Y is regressed on the x scores (PLSCanonical would use y scores).
        var yLoadings = yk.t().mv(xScores).div_(scoreNorm);
        yk.addr_(xScores, yLoadings, beta: 1, alpha: -1);

        found.Add(Values(xWeights), Values(yWeights), Values(xLoadings), Values(yLoadings), Values(xScores), iterations);
        return true;
    }

    /// <summary>scikit-learn's <c>_svd_flip_1d</c>: the x-weight entry of largest magnitude (first one
    /// on ties) becomes positive; the y weights take the same sign.</summary>
    static void FlipSigns(Tensor xWeights, Tensor yWeights)
    {
        using var scope = NewDisposeScope();
        long largest = xWeights.abs().argmax().item<long>();
        double sign = Math.Sign(xWeights[largest].item<double>());
        xWeights.mul_(sign);
        yWeights.mul_(sign);
    }

    static double[] Values(Tensor vector) => vector.data<double>().ToArray();

    /// <summary>Collects per-component vectors and lays them out as row-major matrices.</summary>
    sealed class ComponentColumns
    {
        readonly List<double[]> _xWeights = [], _yWeights = [], _xLoadings = [], _yLoadings = [], _xScores = [];
        readonly List<int> _iterations = [];

        public void Add(double[] xWeights, double[] yWeights, double[] xLoadings, double[] yLoadings, double[] xScores, int iterations)
        {
            _xWeights.Add(xWeights);
            _yWeights.Add(yWeights);
            _xLoadings.Add(xLoadings);
            _yLoadings.Add(yLoadings);
            _xScores.Add(xScores);
            _iterations.Add(iterations);
        }

        public PlsFit ToFit(PlsScaling xScaling, PlsScaling yScaling, int rows)
        {
            int features = xScaling.Mean.Length, targets = yScaling.Mean.Length;
            return new PlsFit(xScaling, yScaling, rows, _iterations.Count,
                AsMatrix(_xWeights, features), AsMatrix(_yWeights, targets),
                AsMatrix(_xLoadings, features), AsMatrix(_yLoadings, targets),
                AsMatrix(_xScores, rows), [.. _iterations]);
        }

        static double[] AsMatrix(List<double[]> columns, int rows)
        {
            int count = columns.Count;
            var matrix = new double[(long)rows * count];
            for (int c = 0; c < count; c++)
                for (int r = 0; r < rows; r++)
                    matrix[(long)r * count + c] = columns[c][r];
            return matrix;
        }
    }
}
