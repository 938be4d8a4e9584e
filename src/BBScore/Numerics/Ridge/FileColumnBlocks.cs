using BBScore.Formats;
using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>Blocks of columns of a matrix whose rows stay in a feature file (<see cref="FeatureFileRows"/>), read with one
/// positioned read per row into one reused native float32 buffer. A block holds every row of its columns, so the column means
/// of the rows in use, and with them exact centring, come from the block itself: one pass over the file serves both.</summary>
internal sealed class FileColumnBlocks : IDisposable
{
    readonly FeatureFileRows _rows;
    readonly NpyRowReader _reader;
    Tensor? _buffer;             // native float32 (freed at once by ReleaseBuffer, unlike a large managed array)

    public FileColumnBlocks(FeatureFileRows rows, int cols)
    {
        _rows = rows;
        _reader = NpyRowReader.Open(rows.Path, cols);
    }

    public string Path => _rows.Path;
    public int Rows => _rows.Rows.Length;

    /// <summary>Columns [start, start + count) of the rows in use (rows × count float32). Valid until the next read;
    /// the caller may modify it in place.</summary>
    public unsafe Tensor Read(long start, long count)
    {
        long size = Rows * count;
        if (size > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(count), $"A block of {Rows} x {count} values is too large to read at once.");
        if (_buffer is null || _buffer.shape[0] < size)
        {
            _buffer?.Dispose();
            _buffer = empty(size, ScalarType.Float32).DetachFromDisposeScope();
        }
        var values = new Span<float>((void*)Numerics.Blas.MatrixProduct.Pointer(_buffer), (int)size);
        _reader.ReadColumns(_rows.Rows, (int)start, (int)count, values);
        using var used = _buffer.narrow(0, 0, size);
        return used.view(Rows, count);
    }

    /// <summary>Frees the block buffer (a later read allocates it again): the pass that needed it is over.</summary>
    public void ReleaseBuffer()
    {
        _buffer?.Dispose();
        _buffer = null;
    }

    public void Dispose()
    {
        _buffer?.Dispose();
        _reader.Dispose();
    }
}
