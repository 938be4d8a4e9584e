using static TorchSharp.torch;

namespace BBScore.Numerics.Pls;

/// <summary>Per-column mean and standard deviation used by PLS (scikit-learn's
/// <c>_center_scale_xy</c> with <c>scale=True</c>): data are centred, then divided by the
/// sample standard deviation (ddof = 1); a column whose standard deviation is 0 keeps std 1.</summary>
public sealed class PlsScaling
{
    PlsScaling(double[] mean, double[] std)
    {
        Mean = mean;
        Std = std;
    }

    public double[] Mean { get; }
    public double[] Std { get; }

    /// <summary>Centres and scales <paramref name="data"/> (rows × columns, float64) in place and
    /// returns the statistics used.</summary>
    /// <remarks>A column whose values are all identical is detected exactly (max == min) and set to
    /// 0 with std 1. scikit-learn reaches the same result only when its floating-point mean happens
    /// to equal the constant; this way a constant column never turns into amplified rounding noise.</remarks>
    public static PlsScaling StandardizeInPlace(Tensor data)
    {
        if (data.shape[0] < 2) throw new ArgumentException("PLS needs at least 2 rows to estimate a standard deviation.");
        using var scope = NewDisposeScope();
        var constant = data.amax(0).eq(data.amin(0));
        var mean = data.mean([0]);
        data.sub_(mean);
        data.mul_(constant.logical_not().to_type(ScalarType.Float64));
        var std = data.std(0, unbiased: true);
        std.masked_fill_(std.eq(0.0), 1.0);
        data.div_(std);
        return new PlsScaling(mean.data<double>().ToArray(), std.data<double>().ToArray());
    }
}
