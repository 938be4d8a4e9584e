namespace BBScore.Numerics;

/// <summary>A row-major float32 matrix (rows = stimuli, columns = features): the regression input.
/// Wraps the storage without copying; <see cref="SelectRows"/> copies only the chosen rows.</summary>
public sealed class FeatureMatrix
{
    public FeatureMatrix(float[] data, int rows, int cols)
    {
        if ((long)rows * cols != data.Length)
            throw new ArgumentException($"A {rows}x{cols} matrix needs {(long)rows * cols} values, got {data.Length}.");
        Data = data;
        Rows = rows;
        Cols = cols;
    }

    public float[] Data { get; }
    public int Rows { get; }
    public int Cols { get; }

    public ReadOnlySpan<float> Row(int r) => Data.AsSpan(r * Cols, Cols);

    /// <summary>Flattens a feature tensor to (stimuli, everything else), as the original's metrics do.</summary>
    public static FeatureMatrix From(Features.FeatureTensor tensor) => new(tensor.Data, tensor.Rows, tensor.RowLength);

    public FeatureMatrix SelectRows(IReadOnlyList<int> rows)
    {
        var data = new float[(long)rows.Count * Cols];
        for (int i = 0; i < rows.Count; i++) Row(rows[i]).CopyTo(data.AsSpan(i * Cols, Cols));
        return new FeatureMatrix(data, rows.Count, Cols);
    }
}
