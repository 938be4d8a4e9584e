namespace BBScore.Metrics.Online.Streams;

/// <summary>Rows of a matrix already in memory (a recording's targets, an assembly's responses), converted to float32 as
/// they are read.</summary>
public sealed class MatrixRowSource(double[,] values) : IRowSource
{
    public int Rows => values.GetLength(0);
    public int RowLength => values.GetLength(1);
    public int[] UnitShape => [RowLength];

    public void ReadRows(ReadOnlySpan<int> rows, Span<float> destination)
    {
        int width = RowLength;
        for (int i = 0; i < rows.Length; i++)
            for (int c = 0; c < width; c++) destination[i * width + c] = (float)values[rows[i], c];
    }

    public void Dispose() { }
}
