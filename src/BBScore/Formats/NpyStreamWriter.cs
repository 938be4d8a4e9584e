using System.Runtime.InteropServices;

namespace BBScore.Formats;

/// <summary>Streams a float32 C-order <c>.npy</c> file row block by row block, so features never
/// need to sit in memory twice. Writes to <c>path.partial</c> and renames on <see cref="Complete"/>;
/// a writer disposed without completing deletes its partial file, so an interrupted run never
/// leaves a file that looks complete.</summary>
public sealed class NpyStreamWriter : IDisposable
{
    readonly string _path;
    readonly string _partialPath;
    readonly FileStream _stream;
    readonly long _expectedValues;
    long _written;
    bool _completed;

    public NpyStreamWriter(string path, int[] shape)
    {
        _path = path;
        _partialPath = path + ".partial";
        if (shape.Any(d => d < 0)) throw new ArgumentOutOfRangeException(nameof(shape), $"negative dimension in ({string.Join(", ", shape)}).");
        _expectedValues = shape.Aggregate(1L, (a, b) => checked(a * b));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _stream = new FileStream(_partialPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        _stream.Write(NpyFile.Float32Header(shape));
    }

    public void WriteRows(ReadOnlySpan<float> values)
    {
        if (_written + values.Length > _expectedValues) throw new InvalidOperationException("More values written than the declared shape holds.");
        // In pieces: a span of bytes over more than 2^29 floats would overflow int.
        int perChunk = BBScore.Formats.ReadLimits.ReadChunkBytes / sizeof(float);
        for (long start = 0; start < values.Length; start += perChunk)
            _stream.Write(MemoryMarshal.AsBytes(values.Slice((int)start, (int)Math.Min(perChunk, values.Length - start))));
        _written += values.Length;
    }

    public void Complete()
    {
        if (_written != _expectedValues) throw new InvalidOperationException($"Declared {_expectedValues} values but wrote {_written}.");
        _stream.Flush(true);
        _stream.Dispose();
        File.Move(_partialPath, _path, overwrite: true);
        _completed = true;
    }

    public void Dispose()
    {
        if (_completed) return;
        _stream.Dispose();
        try { File.Delete(_partialPath); } catch (IOException) { /* best effort: the partial name never looks complete */ }
    }
}
