using Microsoft.Win32.SafeHandles;

namespace BBScore.Formats;

/// <summary>Random access to the rows of a C-order float32 or float64 .npy file: any rows, in any order, read with
/// positioned reads into the caller's buffer (float32). Nothing but that buffer is allocated, so a stream over a file
/// of any size costs one batch of memory; the operating system's page cache makes later epochs cheap.</summary>
public sealed class NpyRowReader : IDisposable
{
    readonly SafeFileHandle _handle;
    readonly long _dataOffset;
    readonly int _itemSize;
    readonly byte[] _rowBytes;

    NpyRowReader(string path, SafeFileHandle handle, NpyFile.Header header)
    {
        Path = path;
        _handle = handle;
        _dataOffset = header.DataOffset;
        Shape = header.Shape;
        Rows = header.Shape.Length == 0 ? 1 : header.Shape[0];
        long rowLength = 1;
        for (int a = 1; a < header.Shape.Length; a++) rowLength *= header.Shape[a];
        if (rowLength > Array.MaxLength / 8) throw new InvalidDataException($"{path}: rows of {rowLength:N0} values are too long to stream; reshape the array.");
        RowLength = (int)rowLength;
        _itemSize = header.Descr == "<f8" ? 8 : 4;
        _rowBytes = new byte[(long)RowLength * _itemSize];
    }

    public string Path { get; }

    public int[] Shape { get; }

    public int Rows { get; }

    /// <summary>Values per row (every axis after the first).</summary>
    public int RowLength { get; }

    /// <summary>Opens <paramref name="path"/> and checks that the header is float32/float64 in C order and that the file
    /// holds every value it declares (a truncated file is refused here, not in the middle of training).</summary>
    public static NpyRowReader Open(string path)
    {
        NpyFile.Header header;
        using (var stream = File.OpenRead(path))
        {
            header = NpyFile.ReadHeader(stream, path);
            int itemSize = header.Descr switch
            {
                "<f4" => 4,
                "<f8" => 8,
                _ => throw new InvalidDataException($"{path}: dtype '{header.Descr}' is not supported here; save the array as float32 or float64 (e.g. arr.astype('float32'))."),
            };
            if (header.FortranOrder && header.Shape.Count(d => d > 1) > 1)
                throw new InvalidDataException($"{path}: the array is in Fortran order, which cannot be read row by row; save it with np.ascontiguousarray.");
            long count = ReadLimits.ElementCount(header.Shape.Select(d => (long)d), path);
            ReadLimits.RequireBytes(count, itemSize, ReadLimits.Remaining(stream), path, $"the header (shape ({string.Join(", ", header.Shape)}))");
        }
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            return new NpyRowReader(path, handle, header);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>As <see cref="Open(string)"/>, also checking that each row holds <paramref name="rowLength"/> values (a feature
    /// file that does not match what its reader expects is refused with the fix).</summary>
    public static NpyRowReader Open(string path, int rowLength)
    {
        var reader = Open(path);
        if (reader.RowLength == rowLength) return reader;
        reader.Dispose();
        throw new InvalidDataException($"{path}: rows of {reader.RowLength} values, expected {rowLength}; delete it and run again to re-extract.");
    }

    /// <summary>Copies the listed rows, in the order given, into <paramref name="destination"/> (rows × <see cref="RowLength"/>).</summary>
    public void ReadRows(ReadOnlySpan<int> rows, Span<float> destination) => ReadColumns(rows, 0, RowLength, destination);

    /// <summary>Copies columns <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 of the listed
    /// rows, in the order given, into <paramref name="destination"/> (rows × count): one positioned read per row, so a block of
    /// columns of every row costs one pass of reads over the file without holding any row whole.</summary>
    public void ReadColumns(ReadOnlySpan<int> rows, int start, int count, Span<float> destination)
    {
        if (start < 0 || count < 0 || start > RowLength - count)
            throw new ArgumentOutOfRangeException(nameof(start), $"Columns {start}..{start + count} are outside {Path}'s {RowLength}.");
        if (destination.Length < (long)rows.Length * count)
            throw new ArgumentException($"{rows.Length} rows of {count} do not fit a buffer of {destination.Length}.", nameof(destination));
        var raw = _itemSize == 4 ? default : _rowBytes.AsSpan(0, count * 8); // float64 values are read here, then narrowed
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(rows), $"Row {row} is outside {Path}'s {Rows} rows.");
            var target = destination.Slice(i * count, count);
            long offset = _dataOffset + (long)row * _rowBytes.Length + (long)start * _itemSize;
            if (_itemSize == 4)
                ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(target), offset);
            else
            {
                ReadExactly(raw, offset);
                var doubles = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(raw);
                for (int c = 0; c < count; c++) target[c] = (float)doubles[c];
            }
        }
    }

    void ReadExactly(Span<byte> buffer, long offset)
    {
        while (buffer.Length > 0)
        {
            int n = RandomAccess.Read(_handle, buffer, offset);
            if (n == 0) throw new InvalidDataException($"{Path}: file is truncated (it changed while it was read).");
            buffer = buffer[n..];
            offset += n;
        }
    }

    public void Dispose() => _handle.Dispose();
}
