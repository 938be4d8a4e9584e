using BBScore.Formats;

namespace BBScore.Tests.Support;

/// <summary>Reads the float64 reference arrays the fixture generators write as .npy files.</summary>
internal static class NpyFixtures
{
    /// <summary>A 2-D array (the test fails on any other rank).</summary>
    public static double[,] Matrix(string path)
    {
        var (data, shape) = NpyFile.ReadFloat64(path);
        Assert.True(shape.Length == 2, $"{path}: expected a 2-D array, got {shape.Length}-D.");
        return ToMatrix(data, shape[0]);
    }

    /// <summary>Any array as (first axis, everything else flattened row-major).</summary>
    public static double[,] RowsMatrix(string path)
    {
        var (data, shape) = NpyFile.ReadFloat64(path);
        return ToMatrix(data, shape[0]);
    }

    static double[,] ToMatrix(double[] data, int rows)
    {
        var result = new double[rows, rows == 0 ? 0 : data.Length / rows];
        Buffer.BlockCopy(data, 0, result, 0, data.Length * sizeof(double));
        return result;
    }
}
