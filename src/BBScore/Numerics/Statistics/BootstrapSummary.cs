namespace BBScore.Numerics.Statistics;

/// <summary>What a bootstrap says about one score: the standard error (standard deviation of the
/// resampled scores, ddof = 1, as numpy's <c>std(ddof=1)</c> and rsatoolbox's <c>np.cov</c>) and the 95%
/// percentile interval (numpy's <c>percentile(samples, [2.5, 97.5])</c>, linear interpolation), over the
/// resamples whose score is finite.</summary>
/// <param name="Samples">How many resamples gave a finite score.</param>
public sealed record BootstrapSummary(double StandardError, double Low, double High, int Samples)
{
    /// <summary>The summary of <paramref name="samples"/>, or null when fewer than two are finite (then no
    /// spread can be estimated; the caller says why).</summary>
    public static BootstrapSummary? Of(ReadOnlySpan<double> samples)
    {
        var finite = new List<double>(samples.Length);
        foreach (double s in samples)
            if (double.IsFinite(s)) finite.Add(s);
        if (finite.Count < 2) return null;
        finite.Sort();
        double mean = 0;
        foreach (double s in finite) mean += s;
        mean /= finite.Count;
        double squares = 0;
        foreach (double s in finite) squares += (s - mean) * (s - mean);
        return new BootstrapSummary(Math.Sqrt(squares / (finite.Count - 1)), Percentile(finite, 2.5), Percentile(finite, 97.5), finite.Count);
    }

    /// <summary>numpy's default ("linear") percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        double position = percent / 100 * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
