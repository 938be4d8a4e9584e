using BBScore.Formats;

namespace BBScore.Metrics.Online.Streams;

/// <summary>Rows of a .npy file on disk (the feature cache's entry, or a user's <c>--features</c>), read per batch.</summary>
public sealed class NpyRowSource : IRowSource
{
    readonly NpyRowReader _reader;

    /// <param name="unitShape">One row's shape when the file stores it flattened (the feature cache does); null: the file's own axes.</param>
    public NpyRowSource(string path, int[]? unitShape = null)
    {
        _reader = NpyRowReader.Open(path);
        UnitShape = unitShape is { Length: > 0 } ? unitShape : _reader.Shape.Length > 1 ? _reader.Shape[1..] : [1];
        if (UnitShape.Aggregate(1L, (a, d) => a * d) != _reader.RowLength)
        {
            _reader.Dispose();
            throw new InvalidDataException($"{path}: rows of {_reader.RowLength} values do not have the shape ({string.Join(", ", UnitShape)}).");
        }
    }

    public string Path => _reader.Path;
    public int Rows => _reader.Rows;
    public int RowLength => _reader.RowLength;
    public int[] UnitShape { get; }

    public void ReadRows(ReadOnlySpan<int> rows, Span<float> destination) => _reader.ReadRows(rows, destination);

    public void Dispose() => _reader.Dispose();
}
