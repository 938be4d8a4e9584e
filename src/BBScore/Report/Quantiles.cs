namespace BBScore.Report;

/// <summary>Order statistics of the finite values of an array (NaN and ±∞ are skipped: a target without a
/// ceiling is missing, not zero).</summary>
public static class Quantiles
{
    /// <summary>The q-quantile (0 ≤ q ≤ 1) with linear interpolation between order statistics (numpy's
    /// default); NaN when no value is finite.</summary>
    public static double Of(IEnumerable<double> values, double q)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    public static double Median(IEnumerable<double> values) => Of(values, 0.5);
}
