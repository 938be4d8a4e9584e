using System.Numerics;
using System.Runtime.CompilerServices;

namespace BBScore.Numerics.Statistics;

/// <summary>numpy's nanmedian in linear time without sorting; the bootstrap takes thousands of medians over
/// thousands of targets. Long inputs are narrowed by a histogram first: one pass counts the values into equal-width
/// buckets between their minimum and maximum, the bucket(s) holding the middle rank(s) are gathered to the front,
/// and only those few are selected among (a skewed input whose middle bucket is still large is narrowed again
/// within that bucket's range). Histogram passes have almost no unpredictable branches, which is where a plain
/// selection spends its time. The hot methods are compiled fully optimised at once: a run takes its thousands of
/// medians in one go, long before tiered compilation would have promoted them.</summary>
public static class Median
{
    const int Buckets = 1024;

    /// <summary>Below this many values a selection is as fast as a histogram pass.</summary>
    const int HistogramFrom = 192;

    /// <summary>The median of the non-NaN values of <paramref name="values"/> (reordered in place); NaN when there are none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double OfFinite(Span<double> values)
    {
        int n = 0;
        for (int i = 0; i < values.Length; i++)
            if (!double.IsNaN(values[i])) values[n++] = values[i];
        if (n == 0) return double.NaN;
        var finite = values[..n];
        int mid = n / 2;
        // Ranks wanted: mid (upper middle) and, for an even count, mid − 1.
        int low = n % 2 == 1 ? mid : mid - 1;
        var candidates = Narrow(finite, ref low, out int upperRank, mid - low);
        double upper = Select(candidates, upperRank);
        if (upperRank == low) return upper;
        // After selection everything left of the upper rank is ≤ it: the lower middle is their maximum.
        double lower = double.NegativeInfinity;
        foreach (double v in candidates[..upperRank]) lower = Math.Max(lower, v);
        return (lower + upper) / 2;
    }

    /// <summary>Moves the values that can hold ranks [<paramref name="low"/>, low + <paramref name="gap"/>] to the front
    /// and returns them, with the ranks renumbered within them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static Span<double> Narrow(Span<double> values, ref int low, out int upper, int gap)
    {
        Span<int> counts = stackalloc int[Buckets];
        for (int round = 0; round < 4 && values.Length >= HistogramFrom; round++)
        {
            var (min, max) = MinMax(values);
            if (!(max > min) || !double.IsFinite(max - min)) break; // all equal (any rank is min) or ±∞ present
            double scale = Buckets / (max - min);
            counts.Clear();
            foreach (double v in values) counts[Bucket(v, min, scale)]++;
            int first = -1, last = -1, below = 0, seen = 0;
            for (int b = 0; b < Buckets; b++)
            {
                if (first < 0 && seen + counts[b] > low) { first = b; below = seen; }
                if (seen + counts[b] > low + gap) { last = b; break; }
                seen += counts[b];
            }
            int kept = 0;
            uint width = (uint)(last - first);
            for (int i = 0; i < values.Length; i++)
            {
                double v = values[i];
                // One unsigned comparison, almost always false: two signed ones would split at the middle
                // bucket and mispredict on every other value.
                if ((uint)(Bucket(v, min, scale) - first) <= width) values[kept++] = v;
            }
            if (kept == values.Length) break; // no progress: the middle bucket holds everything
            values = values[..kept];
            low -= below;
        }
        upper = low + gap;
        return values;
    }

    static int Bucket(double v, double min, double scale) => Math.Min((int)((v - min) * scale), Buckets - 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static (double Min, double Max) MinMax(ReadOnlySpan<double> values)
    {
        int i = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        if (Vector.IsHardwareAccelerated && values.Length >= 2 * Vector<double>.Count)
        {
            var vmin = new Vector<double>(values);
            var vmax = vmin;
            for (i = Vector<double>.Count; i + Vector<double>.Count <= values.Length; i += Vector<double>.Count)
            {
                var v = new Vector<double>(values[i..]);
                vmin = Vector.Min(vmin, v);
                vmax = Vector.Max(vmax, v);
            }
            for (int lane = 0; lane < Vector<double>.Count; lane++)
            {
                min = Math.Min(min, vmin[lane]);
                max = Math.Max(max, vmax[lane]);
            }
        }
        for (; i < values.Length; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }
        return (min, max);
    }

    /// <summary>Hoare's selection: reorders <paramref name="values"/> so that index <paramref name="k"/> holds the
    /// value it would hold sorted, smaller ones before it, larger after.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
