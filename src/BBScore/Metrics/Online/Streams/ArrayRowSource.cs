namespace BBScore.Metrics.Online.Streams;

/// <summary>Rows of a float32 array in memory (row-major; small arrays and tests).</summary>
public sealed class ArrayRowSource : IRowSource
{
    readonly float[] _values;

    public ArrayRowSource(float[] values, int rows, int[] unitShape)
    {
        long width = unitShape.Aggregate(1L, (a, d) => a * d);
        if (values.Length != rows * width) throw new ArgumentException($"{values.Length} values are not {rows} rows of ({string.Join(", ", unitShape)}).", nameof(values));
        (_values, Rows, UnitShape, RowLength) = (values, rows, unitShape, (int)width);
    }

    public int Rows { get; }
    public int RowLength { get; }
    public int[] UnitShape { get; }

    public void ReadRows(ReadOnlySpan<int> rows, Span<float> destination)
    {
        for (int i = 0; i < rows.Length; i++) _values.AsSpan(rows[i] * RowLength, RowLength).CopyTo(destination.Slice(i * RowLength, RowLength));
    }

    public void Dispose() { }
}
