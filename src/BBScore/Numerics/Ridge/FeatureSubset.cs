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

    /// <summary>A copy of the given columns of x (read from its file a block of columns at a time when x is on disk).</summary>
    public static FeatureMatrix Select(FeatureMatrix x, IReadOnlyList<int> columns)
    {
        if (x.OnDisk is { } file) return SelectFromFile(x, file, columns);
        var data = new float[(long)x.Rows * columns.Count];
        for (int r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r);
            int offset = r * columns.Count;
            for (int c = 0; c < columns.Count; c++) data[offset + c] = row[columns[c]];
        }
        return new FeatureMatrix(data, x.Rows, columns.Count);
    }

    /// <summary>Blocks of columns holding at least one chosen column are read (every row, one positioned read per row) and
    /// the chosen columns copied out: the matrix itself is never loaded.</summary>
    static FeatureMatrix SelectFromFile(FeatureMatrix x, FeatureFileRows file, IReadOnlyList<int> columns)
    {
        for (int i = 1; i < columns.Count; i++)
            if (columns[i] <= columns[i - 1]) throw new ArgumentException("Columns of features on disk must be chosen in ascending order (see Choose).", nameof(columns));
        var data = new float[(long)x.Rows * columns.Count];
        using var reader = Formats.NpyRowReader.Open(file.Path, x.Cols);
        int width = (int)Math.Clamp((64L << 20) / (4L * Math.Max(1, x.Rows)), 1, x.Cols);
        var block = new float[(long)x.Rows * width];
        int next = 0;
        for (int start = 0; start < x.Cols && next < columns.Count; start += width)
        {
            int count = Math.Min(width, x.Cols - start);
            if (columns[next] >= start + count) continue; // nothing chosen here: not read
            reader.ReadColumns(file.Rows, start, count, block);
            for (; next < columns.Count && columns[next] < start + count; next++)
            {
                int column = columns[next] - start;
                for (int r = 0; r < x.Rows; r++) data[(long)r * columns.Count + next] = block[(long)r * count + column];
            }
        }
        return new FeatureMatrix(data, x.Rows, columns.Count);
    }
}
