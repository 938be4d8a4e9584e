using static TorchSharp.torch;

namespace BBScore.Numerics.Pls;

/// <summary>The prediction map of a PLS fit in the original units of X and Y:
/// ŷ = (x − x̄)·A·Bᵀ + ȳ, with A = W (PᵀW)⁻¹ divided row-wise by the feature std (features ×
/// components) and B = Q multiplied row-wise by the target std (targets × components). This is
/// scikit-learn's <c>x_rotations_</c> / <c>y_loadings_</c> form; the full coefficient matrix A·Bᵀ
/// (features × targets, up to gigabytes) is only built when asked for.</summary>
public sealed class PlsLinearMap
{
    /// <summary>Rows of X converted to float64 at a time, bounding the temporary copy (~128 MB).</summary>
    const long ChunkElements = 1L << 24;

    readonly double[] _projection;   // A, features × components
    readonly double[] _targetLoadings; // B, targets × components
    readonly double[] _xMean;
    readonly double[] _yMean;

    PlsLinearMap(double[] projection, double[] targetLoadings, double[] xMean, double[] yMean, int components)
    {
        _projection = projection;
        _targetLoadings = targetLoadings;
        _xMean = xMean;
        _yMean = yMean;
        Components = components;
        Intercept = ComputeIntercept();
    }

    public int Features => _xMean.Length;
    public int Targets => _yMean.Length;
    public int Components { get; }

    /// <summary>b with ŷ = x·coef + b: ȳ − x̄·coef. (scikit-learn's <c>intercept_</c> is ȳ because its
    /// predict centres x first; the two describe the same map.)</summary>
    public double[] Intercept { get; }

    public static PlsLinearMap From(PlsFit fit)
    {
        int features = fit.Features, targets = fit.Targets, k = fit.Components;
        var projection = Rotations(fit);
        for (int j = 0; j < features; j++)
        {
            double std = fit.XScaling.Std[j];
            for (int c = 0; c < k; c++) projection[(long)j * k + c] /= std;
        }
        var targetLoadings = (double[])fit.YLoadings.Clone();
        for (int t = 0; t < targets; t++)
        {
            double std = fit.YScaling.Std[t];
            for (int c = 0; c < k; c++) targetLoadings[t * k + c] *= std;
        }
        return new PlsLinearMap(projection, targetLoadings, fit.XScaling.Mean, fit.YScaling.Mean, k);
    }

    /// <summary>Predictions, rows × targets.</summary>
    public double[,] Predict(FeatureMatrix x)
    {
        if (x.Cols != Features) throw new ArgumentException($"The model was fitted on {Features} features; X has {x.Cols}.", nameof(x));
        var result = new double[x.Rows, Targets];
        if (x.Rows == 0) return result;
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var projection = tensor(_projection, [Features, Components]);
        var loadingsT = tensor(_targetLoadings, [Targets, Components]).t();
        var xMean = tensor(_xMean, [Features]);
        var yMean = tensor(_yMean, [Targets]);
        int chunkRows = (int)Math.Max(1, ChunkElements / Math.Max(1, Features));
        for (int start = 0; start < x.Rows; start += chunkRows)
        {
            int count = Math.Min(chunkRows, x.Rows - start);
            using var chunkScope = NewDisposeScope();
            var rows = Float64Rows(x, start, count).sub_(xMean);
            var predicted = rows.matmul(projection).matmul(loadingsT).add_(yMean);
            predicted.contiguous().data<double>().CopyTo(MatrixSpan.Of(result).Slice(start * Targets, count * Targets));
        }
        return result;
    }

    /// <summary>The coefficients A·Bᵀ, features × targets, row-major float32 (scikit-learn's
    /// <c>coef_.T</c> in its current original-units meaning).</summary>
    public float[] CoefFloat32()
    {
        var coef = new float[(long)Features * Targets];
        if (coef.Length == 0) return coef;
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var projection = tensor(_projection, [Features, Components]);
        var loadingsT = tensor(_targetLoadings, [Targets, Components]).t();
        int chunkRows = (int)Math.Max(1, ChunkElements / Math.Max(1, Targets));
        for (int start = 0; start < Features; start += chunkRows)
        {
            int count = Math.Min(chunkRows, Features - start);
            using var chunkScope = NewDisposeScope();
            var block = projection.narrow(0, start, count).matmul(loadingsT).to_type(ScalarType.Float32).contiguous();
            block.data<float>().CopyTo(coef.AsSpan((int)((long)start * Targets), count * Targets));
        }
        return coef;
    }

    /// <summary>x_rotations_ = W (PᵀW)⁻¹, features × components, row-major.</summary>
    static double[] Rotations(PlsFit fit)
    {
        int features = fit.Features, k = fit.Components;
        if (k == 0) return [];
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var weights = tensor(fit.XWeights, [features, k]);
        var loadings = tensor(fit.XLoadings, [features, k]);
        var loadingsTWeights = loadings.t().matmul(weights).contiguous().data<double>().ToArray();
        var inverse = tensor(SmallMatrixInverse.Invert(loadingsTWeights, k), [k, k]);
        return weights.matmul(inverse).contiguous().data<double>().ToArray();
    }

    double[] ComputeIntercept()
    {
        int k = Components;
        var meanScores = new double[k];
        for (int j = 0; j < Features; j++)
        {
            double mean = _xMean[j];
            if (mean == 0.0) continue;
            for (int c = 0; c < k; c++) meanScores[c] += mean * _projection[(long)j * k + c];
        }
        var intercept = new double[Targets];
        for (int t = 0; t < Targets; t++)
        {
            double offset = 0;
            for (int c = 0; c < k; c++) offset += meanScores[c] * _targetLoadings[t * k + c];
            intercept[t] = _yMean[t] - offset;
        }
        return intercept;
    }

    static Tensor Float64Rows(FeatureMatrix x, int start, int count)
    {
        var values = x.Data.AsSpan(start * x.Cols, count * x.Cols).ToArray();
        using var single = tensor(values, [count, x.Cols]);
        return single.to_type(ScalarType.Float64);
    }
}
