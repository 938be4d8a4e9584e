namespace BBScore.Numerics.Correlation;

/// <summary>Kendall's rank correlations of two paired vectors without NaN, from <see cref="KendallPairCounts"/>
/// (O(n log n), so 500k-pair RDM vectors take a fraction of a second).</summary>
public static class KendallTau
{
    /// <summary>Tau-b, exactly as scipy's <c>kendalltau</c> default: (C − D) / √((P − Tx)(P − Ty)), clipped to
    /// [−1, 1]; NaN with fewer than 2 values or when every pair is tied in x or in y.</summary>
    public static double TauB(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var counts = KendallPairCounts.Count(x, y);
        if (counts.Pairs == 0 || counts.TiedX == counts.Pairs || counts.TiedY == counts.Pairs) return double.NaN;
        // Divided by each root in turn, in scipy's order, so results agree to the last bits.
        double tau = counts.ConcordantMinusDiscordant / Math.Sqrt(counts.Pairs - counts.TiedX) / Math.Sqrt(counts.Pairs - counts.TiedY);
        return Math.Clamp(tau, -1.0, 1.0);
    }

    /// <summary>Tau-a as recommended for RDMs by Nili et al. (2014): (C − D) / (n(n−1)/2), tied pairs counting as
    /// neither concordant nor discordant (so a constant vector gives 0); NaN with fewer than 2 values.</summary>
    public static double TauA(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var counts = KendallPairCounts.Count(x, y);
        return counts.Pairs == 0 ? double.NaN : (double)counts.ConcordantMinusDiscordant / counts.Pairs;
    }
}
