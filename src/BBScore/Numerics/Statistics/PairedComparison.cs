namespace BBScore.Numerics.Statistics;

/// <summary>Score A minus score B with the bootstrap of the difference over the same resamples.</summary>
/// <param name="PValue">rsatoolbox's two-sided bootstrap test (<c>bootstrap_pair_tests</c>).</param>
/// <param name="Samples">Resamples where both scores are defined.</param>
public sealed record PairedDifference(double Difference, double StandardError, double Low, double High, double PValue, int Samples);

/// <summary>Paired comparisons of scores bootstrapped on the same resamples, as rsatoolbox tests model pairs:
/// the difference's resampled values give its standard error and 95% percentile interval, and the two-sided
/// p-value is twice the smaller share of resamples on either side (rsatoolbox's <c>bootstrap_pair_tests</c>,
/// which adds 1/N so no p is 0). Resamples where either score is undefined are left out.</summary>
public static class PairedComparison
{
    public static PairedDifference Of(double a, double b, IReadOnlyList<double> aSamples, IReadOnlyList<double> bSamples)
    {
        if (aSamples.Count != bSamples.Count)
            throw new ArgumentException($"the two bootstraps have {aSamples.Count} and {bSamples.Count} resamples; paired resamples must match one to one");
        var differences = new List<double>(aSamples.Count);
        var keptA = new List<double>();
        var keptB = new List<double>();
        for (int i = 0; i < aSamples.Count; i++)
        {
            if (!double.IsFinite(aSamples[i]) || !double.IsFinite(bSamples[i])) continue;
            differences.Add(aSamples[i] - bSamples[i]);
            keptA.Add(aSamples[i]);
            keptB.Add(bSamples[i]);
        }
        var summary = BootstrapSummary.Of(differences.ToArray());
        return new PairedDifference(a - b, summary?.StandardError ?? double.NaN, summary?.Low ?? double.NaN, summary?.High ?? double.NaN,
            BootstrapPValue(keptA, keptB), differences.Count);
    }

    /// <summary>rsatoolbox's <c>bootstrap_pair_tests</c> for one pair: the share of resamples with A &lt; B among
    /// those that are not tied, doubled from the smaller side, then (N − 1)/N · p + 1/N.</summary>
    public static double BootstrapPValue(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        int n = a.Count;
        if (n == 0) return double.NaN;
        int below = 0, tied = 0;
        for (int i = 0; i < n; i++)
        {
            if (a[i] < b[i]) below++;
            else if (a[i] == b[i]) tied++;
        }
        if (tied == n) return 1.0;
        double proportion = (double)below / (n - tied);
        double p = 2 * Math.Min(proportion, 1 - proportion);
        return (n - 1.0) / n * p + 1.0 / n;
    }

    /// <summary>rsatoolbox's FDR decision for a family of p-values (its model-comparison plots): sort them,
    /// find the largest k with p₍ₖ₎ &lt; q·k/m, and call significant every p below that criterion.</summary>
    public static bool[] FdrSignificant(IReadOnlyList<double> p, double q = 0.05)
    {
        var sorted = p.Order().ToArray();
        double criterion = 0;
        for (int k = 0; k < sorted.Length; k++)
            if (sorted[k] < q * (k + 1) / sorted.Length) criterion = q * (k + 1) / sorted.Length;
        return p.Select(v => v < criterion).ToArray();
    }

    /// <summary>Benjamini–Hochberg adjusted p-values (the smallest q at which each test is significant):
    /// p₍ₖ₎·m/k, made monotone from the largest down (so never above the largest p, nor above 1).</summary>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> p)
    {
        int m = p.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => p[i]).ToArray();
        var adjusted = new double[m];
        double running = 1.0;
        for (int k = m - 1; k >= 0; k--)
        {
            running = Math.Min(running, p[order[k]] * m / (k + 1));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }
}
