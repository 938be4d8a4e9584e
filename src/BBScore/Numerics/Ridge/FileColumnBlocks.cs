using BBScore.Formats;
using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>Blocks of columns of a matrix whose rows stay in a feature file (<see cref="FeatureFileRows"/>), read with one
/// positioned read per row into one reused float32 buffer. A block holds every row of its columns, so the column means
/// of the rows in use, and with them exact centring, come from the block itself: one pass over the file serves both.</summary>
internal sealed class FileColumnBlocks : IDisposable
{
    readonly FeatureFileRows _rows;
    readonly NpyRowReader _reader;
    float[] _values = [];
    Tensor? _flat;               // float32 tensor over _values (pinned while it lives)

    public FileColumnBlocks(FeatureFileRows rows, int cols)
    {
        _rows = rows;
        _reader = NpyRowReader.Open(rows.Path);
        if (_reader.RowLength != cols)
        {
            _reader.Dispose();
            throw new InvalidDataException($"{rows.Path}: rows of {_reader.RowLength} values, expected {cols}; delete it and run again to re-extract.");
        }
    }

    public string Path => _rows.Path;
    public int Rows => _rows.Rows.Length;

    /// <summary>Columns [start, start + count) of the rows in use (rows × count float32). Valid until the next read;
    /// the caller may modify it in place.</summary>
    public Tensor Read(long start, long count)
    {
        long size = Rows * count;
        if (_flat is null || _values.Length < size)
        {
            _flat?.Dispose();
            _values = new float[size];
            _flat = from_array(_values).DetachFromDisposeScope();
        }
        _reader.ReadColumns(_rows.Rows, (int)start, (int)count, _values.AsSpan(0, (int)size));
        using var used = _flat.narrow(0, 0, size);
        return used.view(Rows, count);
    }

    public void Dispose()
    {
        _flat?.Dispose();
        _reader.Dispose();
    }
}
