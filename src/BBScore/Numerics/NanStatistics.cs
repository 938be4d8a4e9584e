namespace BBScore.Numerics;

/// <summary>numpy's nanmean / nanmedian: NaN entries are ignored; all-NaN (or empty) gives NaN.</summary>
public static class NanStatistics
{
    public static double Mean(double[] values)
    {
        double sum = 0;
        long n = 0;
        foreach (double v in values)
        {
            if (double.IsNaN(v)) continue;
            sum += v;
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }

    public static double Median(double[] values)
    {
        double[] finite = values.Where(v => !double.IsNaN(v)).ToArray();
        if (finite.Length == 0) return double.NaN;
        Array.Sort(finite);
        int mid = finite.Length / 2;
        return finite.Length % 2 == 1 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
    }

    /// <summary>Percentage of all values (NaN included in the denominator, never counted) below a threshold.</summary>
    public static double PercentBelow(double[] values, double threshold)
    {
        if (values.Length == 0) return double.NaN;
        long below = 0;
        foreach (double v in values)
            if (v < threshold) below++;
        return 100.0 * below / values.Length;
    }
}
