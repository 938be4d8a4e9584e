namespace BBScore.Metrics;

/// <summary>One entry of a score dictionary: a scalar or an n-d array of doubles (row-major), so
/// every metric output has one shape-aware representation for JSON and SQLite. NaN is allowed and
/// written as JSON null.</summary>
public sealed class ScoreValue
{
    public ScoreValue(double[] data, int[] shape)
    {
        long n = 1;
        foreach (int d in shape) n *= d;
        if (n != data.Length) throw new ArgumentException($"Shape [{string.Join(",", shape)}] needs {n} values, got {data.Length}.");
        Data = data;
        Shape = shape;
    }

    public double[] Data { get; }

    /// <summary>Empty for a scalar.</summary>
    public int[] Shape { get; }

    public bool IsScalar => Shape.Length == 0;

    public double Scalar => IsScalar ? Data[0] : throw new InvalidOperationException("Score value is an array, not a scalar.");

    public static ScoreValue Of(double value) => new([value], []);

    public static ScoreValue Of(double[] values) => new((double[])values.Clone(), [values.Length]);

    public static ScoreValue Of(double[,] values)
    {
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var data = new double[rows * cols];
        Buffer.BlockCopy(values, 0, data, 0, data.Length * sizeof(double));
        return new ScoreValue(data, [rows, cols]);
    }
}
