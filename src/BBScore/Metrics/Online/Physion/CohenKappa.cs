namespace BBScore.Metrics.Online.Physion;

/// <summary>Cohen's κ between two raters, computed as scikit-learn's <c>cohen_kappa_score(y1, y2)</c> (no weights):
/// the labels are the sorted union of both raters' values; confusion C[i, j] counts y1 = label i and y2 = label j;
/// expected E = outer(column sums, row sums) / n; κ = 1 − Σ_{i≠j} C / Σ_{i≠j} E, summed in the same order.
/// Degenerate case, kept as scikit-learn has it: when both raters give one and the same label throughout (including a
/// single shared item), Σ_{i≠j} E = 0 and κ = 0 / 0 = NaN (scikit-learn warns and returns NaN); when each is constant but
/// they disagree, κ = 0. Values compare as numbers, so 0/1 predictions and 0/1 (bool) answers share labels.</summary>
public static class CohenKappa
{
    public static double Score(IReadOnlyList<double> y1, IReadOnlyList<double> y2)
    {
        if (y1.Count != y2.Count)
            throw new ArgumentException($"Cohen's kappa needs as many answers from both raters (got {y1.Count} and {y2.Count}).");
        if (y1.Count == 0) throw new ArgumentException("Cohen's kappa needs at least one item.");
        return Score(y1, y2, null);
    }

    /// <summary>κ with item i counted <c>copies[i]</c> times (whole numbers; 0 leaves it out), exactly the κ of the list
    /// with each item repeated so: a bootstrap resample's κ without building the resampled lists. Null counts each once.
    /// The counts stay whole, so the sums are exact and the unweighted κ is unchanged.</summary>
    public static double Score(IReadOnlyList<double> y1, IReadOnlyList<double> y2, IReadOnlyList<double>? copies)
    {
        if (y1.Concat(y2).Any(double.IsNaN)) throw new ArgumentException("Cohen's kappa: an answer is NaN (missing).");
        double Copies(int i) => copies is null ? 1 : copies[i];
        var present = Enumerable.Range(0, y1.Count).Where(i => Copies(i) > 0).ToArray();
        double[] labels = present.Select(i => y1[i]).Concat(present.Select(i => y2[i])).Distinct().Order().ToArray();
        int k = labels.Length;
        var confusion = new double[k, k];
        foreach (int i in present)
            confusion[Array.BinarySearch(labels, y1[i]), Array.BinarySearch(labels, y2[i])] += Copies(i);
        var sum0 = new double[k]; // column sums (y2's counts)
        var sum1 = new double[k]; // row sums (y1's counts)
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) { sum0[j] += confusion[i, j]; sum1[i] += confusion[i, j]; }
        double n = sum0.Sum();
        double observed = 0, expected = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                if (i == j) continue;
                observed += confusion[i, j];
                expected += sum0[i] * sum1[j] / n;
            }
        return 1 - observed / expected;
    }
}
