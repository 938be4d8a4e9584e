namespace BBScore.Numerics.Ridge;

/// <summary>A seeded random subset of feature columns, for choosing alpha on fewer features (the original's
/// <c>subsample_features_for_alpha</c>).</summary>
public static class FeatureSubset
{
    /// <summary><paramref name="count"/> distinct column indices from [0, total), ascending: a partial Fisher–Yates
    /// shuffle driven by <c>new System.Random(seed)</c>, so the same seed always gives the same subset. The original
    /// draws with NumPy's <c>RandomState(42).choice(D, n, replace=False)</c>; that subset is not reproduced.</summary>
    public static int[] Choose(int total, int count, int seed)
    {
        if (count < 1 || count > total)
            throw new ArgumentOutOfRangeException(nameof(count), $"Cannot choose {count} of {total} columns.");
        var random = new Random(seed);
        var order = Enumerable.Range(0, total).ToArray();
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, total);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var chosen = order[..count];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>A copy of the given columns of x.</summary>
    public static FeatureMatrix Select(FeatureMatrix x, IReadOnlyList<int> columns)
    {
        var data = new float[(long)x.Rows * columns.Count];
        for (int r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r);
            int offset = r * columns.Count;
            for (int c = 0; c < columns.Count; c++) data[offset + c] = row[columns[c]];
        }
        return new FeatureMatrix(data, x.Rows, columns.Count);
    }
}
