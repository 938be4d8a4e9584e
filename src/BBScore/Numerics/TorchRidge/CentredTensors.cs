using static TorchSharp.torch;

namespace BBScore.Numerics.TorchRidge;

/// <summary>
/// Float32 copies of features and targets with their column means removed (the original moves both
/// to the device as float32 and centres them in place). Rows can be taken whole or as a block, so
/// the elastic net can build its Gram matrices without a second full copy of X.
/// </summary>
internal sealed class CentredTensors : IDisposable
{
    CentredTensors(Tensor x, Tensor y)
    {
        X = x;
        Y = y;
    }

    /// <summary>X − x̄, rows × features, float32.</summary>
    public Tensor X { get; }

    /// <summary>y − ȳ, rows × targets, float32.</summary>
    public Tensor Y { get; }

    /// <summary>Rows [start, start+count) of x and y, centred with the given means.</summary>
    public static CentredTensors FromRows(FeatureMatrix x, double[,] y, double[] xMeans, double[] yMeans, int start, int count)
    {
        TorchRuntime.EnsureLoaded();
        var features = x.Data.AsSpan(start * x.Cols, count * x.Cols).ToArray();
        int targets = y.GetLength(1);
        var values = new float[(long)count * targets];
        for (int r = 0; r < count; r++)
            for (int t = 0; t < targets; t++)
                values[r * targets + t] = (float)(y[start + r, t] - yMeans[t]);

        var xTensor = tensor(features, [count, x.Cols]);
        using (var means = tensor(ToSingle(xMeans), [1, xMeans.Length])) xTensor.sub_(means);
        return new CentredTensors(xTensor, tensor(values, [count, targets]));
    }

    /// <summary>All rows.</summary>
    public static CentredTensors From(FeatureMatrix x, double[,] y, double[] xMeans, double[] yMeans) =>
        FromRows(x, y, xMeans, yMeans, 0, x.Rows);

    static float[] ToSingle(double[] values) => Array.ConvertAll(values, v => (float)v);

    public void Dispose()
    {
        X.Dispose();
        Y.Dispose();
    }
}
