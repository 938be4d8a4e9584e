namespace BBScore.Tests.Statistics;

/// <summary>The rows of a matrix a bootstrap resample drew, in draw order (repeats included), for brute-force checks.</summary>
internal static class DrawnRows
{
    public static double[,] Of(double[,] m, int[] rows)
    {
        var picked = new double[rows.Length, m.GetLength(1)];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < m.GetLength(1); j++) picked[i, j] = m[rows[i], j];
        return picked;
    }
}
