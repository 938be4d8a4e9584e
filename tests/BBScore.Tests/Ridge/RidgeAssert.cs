namespace BBScore.Tests.Ridge;

/// <summary>Column-wise comparisons with a tolerance scaled per target.</summary>
internal static class RidgeAssert
{
    /// <summary>|actual − expected| ≤ tolerance × scale[j] for every entry of column j.</summary>
    public static void ColumnsClose(double[,] expected, double[,] actual, double[] scale, double tolerance, string what)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        double worst = 0;
        for (int i = 0; i < expected.GetLength(0); i++)
        for (int j = 0; j < expected.GetLength(1); j++)
        {
            double relative = Math.Abs(actual[i, j] - expected[i, j]) / scale[j];
            Assert.False(double.IsNaN(actual[i, j]), $"{what}[{i},{j}] is NaN");
            worst = Math.Max(worst, relative);
            Assert.True(relative <= tolerance, $"{what}[{i},{j}]: {actual[i, j]} vs {expected[i, j]} (relative {relative:G3} > {tolerance:G3})");
        }
    }

    /// <summary>Largest |entry| of each column (at least a tiny floor so that an all-zero column is compared absolutely).</summary>
    public static double[] ColumnMaxima(double[,] values)
    {
        var max = new double[values.GetLength(1)];
        for (int j = 0; j < max.Length; j++)
        {
            max[j] = 1e-300;
            for (int i = 0; i < values.GetLength(0); i++) max[j] = Math.Max(max[j], Math.Abs(values[i, j]));
        }
        return max;
    }

    /// <summary>Row-major float32 (rows × cols) as a matrix.</summary>
    public static double[,] ToMatrix(float[] values, int rows, int cols)
    {
        var result = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) result[i, j] = values[(long)i * cols + j];
        return result;
    }

    public static double[,] Column(double[] values)
    {
        var result = new double[1, values.Length];
        for (int j = 0; j < values.Length; j++) result[0, j] = values[j];
        return result;
    }
}
