namespace BBScore.Numerics.Statistics;

/// <summary>numpy's nanmedian in linear expected time: finite values are moved to the front and the middle
/// one (or two) found by selection, not by sorting; the bootstrap takes thousands of medians over
/// thousands of targets.</summary>
public static class Median
{
    /// <summary>The median of the non-NaN values of <paramref name="values"/> (reordered in place); NaN when there are none.</summary>
    public static double OfFinite(Span<double> values)
    {
        int n = 0;
        for (int i = 0; i < values.Length; i++)
            if (!double.IsNaN(values[i])) values[n++] = values[i];
        if (n == 0) return double.NaN;
        var finite = values[..n];
        int mid = n / 2;
        double upper = Select(finite, mid);
        if (n % 2 == 1) return upper;
        // After selection everything left of mid is ≤ the mid value: the lower middle is their maximum.
        double lower = double.NegativeInfinity;
        foreach (double v in finite[..mid]) lower = Math.Max(lower, v);
        return (lower + upper) / 2;
    }

    /// <summary>Hoare's selection: reorders <paramref name="values"/> so that index <paramref name="k"/> holds the
    /// value it would hold sorted, smaller ones before it, larger after.</summary>
    static double Select(Span<double> values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (left < right)
        {
            double pivot = MedianOfThree(values[left], values[(left + right) >>> 1], values[right]);
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else break;
        }
        return values[k];
    }

    static double MedianOfThree(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
