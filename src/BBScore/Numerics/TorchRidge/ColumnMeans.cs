namespace BBScore.Numerics.TorchRidge;

/// <summary>Column means accumulated in float64 (the original's float32 means differ from these in
/// the last bits only; float64 keeps them independent of the summation order).</summary>
internal static class ColumnMeans
{
    public static double[] Of(FeatureMatrix x)
    {
        var sums = new double[x.Cols];
        for (int r = 0; r < x.Rows; r++)
        {
            ReadOnlySpan<float> row = x.Row(r);
            for (int c = 0; c < sums.Length; c++) sums[c] += row[c];
        }
        return Divide(sums, x.Rows);
    }

    public static double[] Of(double[,] y)
    {
        int rows = y.GetLength(0), cols = y.GetLength(1);
        var sums = new double[cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) sums[c] += y[r, c];
        return Divide(sums, rows);
    }

    static double[] Divide(double[] sums, int rows)
    {
        for (int c = 0; c < sums.Length; c++) sums[c] /= rows;
        return sums;
    }
}
