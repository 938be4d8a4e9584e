namespace BBScore.Numerics.Correlation;

/// <summary>How two RDM vectors are compared (rsatoolbox's <c>compare</c> methods, plus Nili et al.'s tau-a).</summary>
public enum VectorComparisonMethod { Spearman, Corr, Kendall, TauA, Cosine }

/// <summary>Compares two paired vectors (e.g. condensed RDMs) by name: pairs that are NaN in either vector are
/// dropped first (NaN positions unified), then the chosen statistic is computed on what is left.</summary>
public static class VectorComparison
{
    /// <summary>Every method, in the order the RSA metrics report them.</summary>
    public static IReadOnlyList<VectorComparisonMethod> All { get; } =
        [VectorComparisonMethod.Spearman, VectorComparisonMethod.Corr, VectorComparisonMethod.Kendall, VectorComparisonMethod.TauA, VectorComparisonMethod.Cosine];

    /// <summary>The result-key name of a method: <c>spearman</c>, <c>corr</c>, <c>kendall</c>, <c>tau_a</c>, <c>cosine</c>.</summary>
    public static string Key(VectorComparisonMethod method) => method switch
    {
        VectorComparisonMethod.Spearman => "spearman",
        VectorComparisonMethod.Corr => "corr",
        VectorComparisonMethod.Kendall => "kendall",
        VectorComparisonMethod.TauA => "tau_a",
        VectorComparisonMethod.Cosine => "cosine",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>The statistic over the pairs finite in both vectors; NaN when fewer than 2 such pairs remain
    /// (where the original's rsatoolbox call raises and the metric records NaN).</summary>
    public static double Compare(VectorComparisonMethod method, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var (x, y) = FinitePairs.Keep(a, b);
        if (x.Length < 2) return double.NaN;
        return method switch
        {
            VectorComparisonMethod.Spearman => SpearmanCorrelation.Compute(x, y),
            VectorComparisonMethod.Corr => VectorPearson.Compute(x, y),
            VectorComparisonMethod.Kendall => KendallTau.TauB(x, y),
            VectorComparisonMethod.TauA => KendallTau.TauA(x, y),
            VectorComparisonMethod.Cosine => CosineSimilarity.Compute(x, y),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };
    }
}
