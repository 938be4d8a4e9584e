using static TorchSharp.torch;

namespace BBScore.Numerics.TorchRidge;

/// <summary>
/// A fitted affine map y = x·Coef + Intercept, the result of the torch solvers. Coef is float32
/// (features × targets, row-major) like the original's <c>coef_</c>; prediction is a float32
/// matrix product on the CPU, as the original's <c>predict</c>.
/// </summary>
public sealed class LinearWeights
{
    /// <summary>Target columns moved from a weight tensor into <see cref="Coef"/> at a time, so a
    /// D × T weight tensor never needs to exist beside the managed copy (the original's chunk size on CPU).</summary>
    internal const int TargetChunk = 1024;

    public LinearWeights(float[] coef, double[] intercept, int features, int targets)
    {
        ArgumentNullException.ThrowIfNull(coef);
        ArgumentNullException.ThrowIfNull(intercept);
        if ((long)features * targets != coef.Length)
            throw new ArgumentException($"{features} x {targets} weights need {(long)features * targets} values, got {coef.Length}.", nameof(coef));
        if (intercept.Length != targets)
            throw new ArgumentException($"Expected {targets} intercepts, got {intercept.Length}.", nameof(intercept));
        Coef = coef;
        Intercept = intercept;
        Features = features;
        Targets = targets;
    }

    /// <summary>Features × targets, row-major.</summary>
    public float[] Coef { get; }

    /// <summary>ȳ − x̄·Coef per target.</summary>
    public double[] Intercept { get; }

    public int Features { get; }
    public int Targets { get; }

    public double Weight(int feature, int target) => Coef[(long)feature * Targets + target];

    public double[,] Predict(FeatureMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Cols != Features)
            throw new ArgumentException($"The model was fitted on {Features} features; these rows have {x.Cols}.", nameof(x));
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var product = tensor(x.Data, [x.Rows, x.Cols]).mm(tensor(Coef, [Features, Targets]));
        float[] values = product.contiguous().data<float>().ToArray();
        var predictions = new double[x.Rows, Targets];
        for (int r = 0; r < x.Rows; r++)
            for (int t = 0; t < Targets; t++)
                predictions[r, t] = values[r * Targets + t] + Intercept[t];
        return predictions;
    }

    /// <summary>Copies the weights produced block by block (<paramref name="columns"/>(start, count)
    /// returns a features × count tensor, disposed here) and computes intercept = ȳ − x̄·W in float64.</summary>
    internal static LinearWeights Assemble(double[] xMeans, double[] yMeans, Func<int, int, Tensor> columns)
    {
        int features = xMeans.Length, targets = yMeans.Length;
        var coef = new float[(long)features * targets];
        var intercept = new double[targets];
        using var xMean = tensor(xMeans, [1, features]);
        for (int start = 0; start < targets; start += TargetChunk)
        {
            int count = Math.Min(TargetChunk, targets - start);
            using var scope = NewDisposeScope();
            var block = columns(start, count).to_type(ScalarType.Float32).contiguous();
            float[] values = block.data<float>().ToArray();
            for (int f = 0; f < features; f++)
                values.AsSpan(f * count, count).CopyTo(coef.AsSpan((int)((long)f * targets + start), count));
            double[] offsets = xMean.mm(block.to_type(ScalarType.Float64)).data<double>().ToArray();
            for (int t = 0; t < count; t++) intercept[start + t] = yMeans[start + t] - offsets[t];
        }
        return new LinearWeights(coef, intercept, features, targets);
    }
}
