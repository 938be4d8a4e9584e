namespace BBScore.Numerics.Statistics;

/// <summary>Pearson r over a bootstrap resample without building it: row i counted w_i times (Σw = n, the rows
/// drawn), from the weighted sums of the columns centred on their full-sample means (centring first keeps the
/// moment formulas accurate in float64). A column that is constant in the resample (one row drawn every time) has
/// no r, as a constant column has none for the scorers: NaN.</summary>
public static class WeightedPearson
{
    /// <summary>A column whose weighted variance is below this fraction of its weighted sum of squares is constant.</summary>
    public const double ConstantFraction = 1e-10;

    public static bool Constant(double sum, double squares, double n) => squares - sum * sum / n <= ConstantFraction * squares;

    /// <summary>r from Σw·x, Σw·y, Σw·x², Σw·y², Σw·x·y over n weighted rows; NaN below 2 rows or for a constant column.</summary>
    public static double FromSums(double sx, double sy, double sxx, double syy, double sxy, double n)
    {
        if (n < 2 || Constant(sx, sxx, n) || Constant(sy, syy, n)) return double.NaN;
        double varX = sxx - sx * sx / n, varY = syy - sy * sy / n, cov = sxy - sx * sy / n;
        return Math.Clamp(cov / Math.Sqrt(varX * varY), -1.0, 1.0);
    }

    /// <summary>r of two centred columns with row weights (draw counts).</summary>
    public static double Of(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> weights)
    {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, n = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double w = weights[i];
            if (w == 0) continue;
            double xi = x[i], yi = y[i];
            n += w;
            sx += w * xi;
            sy += w * yi;
            sxx += w * xi * xi;
            syy += w * yi * yi;
            sxy += w * xi * yi;
        }
        return FromSums(sx, sy, sxx, syy, sxy, n);
    }
}
