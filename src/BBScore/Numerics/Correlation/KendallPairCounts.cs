namespace BBScore.Numerics.Correlation;

/// <summary>
/// How the n(n−1)/2 pairs of two paired vectors relate, counted in O(n log n) by Knight's (1966) algorithm:
/// order the pairs by x then y; pairs tied in x are then in ascending y, so the discordant pairs are exactly
/// the strict inversions of the y sequence, counted while merge-sorting it. Ties in x, in y and in both come
/// from runs of equal values in the sorted orders.
/// </summary>
/// <param name="Pairs">n(n−1)/2.</param>
/// <param name="TiedX">Pairs with equal x (whatever y).</param>
/// <param name="TiedY">Pairs with equal y (whatever x).</param>
/// <param name="TiedBoth">Pairs equal in both x and y.</param>
/// <param name="Discordant">Pairs ordered oppositely by x and y (no tie in either).</param>
public readonly record struct KendallPairCounts(long Pairs, long TiedX, long TiedY, long TiedBoth, long Discordant)
{
    /// <summary>Concordant minus discordant pairs: Pairs = C + D + TiedX + TiedY − TiedBoth.</summary>
    public long ConcordantMinusDiscordant => Pairs - TiedX - TiedY + TiedBoth - 2 * Discordant;

    /// <summary>Counts the pairs of two equally long vectors without NaN (drop NaN pairs first, e.g. with
    /// <see cref="FinitePairs"/>: NaN has no order).</summary>
    public static KendallPairCounts Count(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"The two vectors must have the same length (got {x.Length} and {y.Length}).");
        foreach (double v in x) if (double.IsNaN(v)) throw new ArgumentException("Kendall's tau needs values without NaN (drop NaN pairs first).", nameof(x));
        foreach (double v in y) if (double.IsNaN(v)) throw new ArgumentException("Kendall's tau needs values without NaN (drop NaN pairs first).", nameof(y));
        int n = x.Length;
        long pairs = (long)n * (n - 1) / 2;
        var (rankX, tiedX) = DenseRanks(x);
        var (rankY, tiedY) = DenseRanks(y);

        // One sortable key per pair: x rank first, y rank second (both < n).
        var keys = new long[n];
        for (int i = 0; i < n; i++) keys[i] = (long)rankX[i] * n + rankY[i];
        Array.Sort(keys);
        long tiedBoth = TiedPairsInRuns(keys);
        var ySequence = new int[n];
        for (int i = 0; i < n; i++) ySequence[i] = (int)(keys[i] % n);
        long discordant = StrictInversions(ySequence);
        return new KendallPairCounts(pairs, tiedX, tiedY, tiedBoth, discordant);
    }

    /// <summary>Dense ranks 0..(distinct−1) and the number of tied pairs (Σ c(c−1)/2 over runs of c equal values).</summary>
    static (int[] Ranks, long TiedPairs) DenseRanks(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var sorted = values.ToArray();
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(sorted, order);
        var ranks = new int[n];
        long tied = 0;
        int rank = 0, runStart = 0;
        for (int k = 0; k < n; k++)
        {
            if (k > 0 && sorted[k] != sorted[k - 1])
            {
                tied += RunPairs(k - runStart);
                runStart = k;
                rank++;
            }
            ranks[order[k]] = rank;
        }
        tied += RunPairs(n - runStart);
        return (ranks, tied);
    }

    static long TiedPairsInRuns(long[] sortedKeys)
    {
        long tied = 0;
        int runStart = 0;
        for (int k = 1; k <= sortedKeys.Length; k++)
        {
            if (k < sortedKeys.Length && sortedKeys[k] == sortedKeys[k - 1]) continue;
            tied += RunPairs(k - runStart);
            runStart = k;
        }
        return tied;
    }

    static long RunPairs(long count) => count * (count - 1) / 2;

    /// <summary>Number of index pairs i &lt; j with values[i] &gt; values[j] (equal values are not inversions),
    /// by bottom-up merge sort; sorts <paramref name="values"/> in place.</summary>
    static long StrictInversions(int[] values)
    {
        int n = values.Length;
        var source = values;
        var target = new int[n];
        long inversions = 0;
        for (int width = 1; width < n; width *= 2)
        {
            for (int left = 0; left < n; left += 2 * width)
            {
                int mid = Math.Min(left + width, n), right = Math.Min(left + 2 * width, n);
                int i = left, j = mid, k = left;
                while (i < mid && j < right)
                {
                    // Taking from the right half past larger left values: each of those forms an inversion.
                    if (source[j] < source[i]) { inversions += mid - i; target[k++] = source[j++]; }
                    else target[k++] = source[i++];
                }
                while (i < mid) target[k++] = source[i++];
                while (j < right) target[k++] = source[j++];
            }
            (source, target) = (target, source);
        }
        return inversions;
    }
}
