using System.Text;
using System.Text.RegularExpressions;

namespace BBScore.Formats;

/// <summary>Reader and writer for NumPy's <c>.npy</c> format (version 1.0/2.0/3.0 headers,
/// little-endian float32/float64, C or Fortran order). Written here because the only NuGet
/// option (NumSharp) is large and unmaintained; the format is a short ASCII header plus raw data.</summary>
public static partial class NpyFile
{
    static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes a float32 C-order array. Use <see cref="NpyStreamWriter"/> to stream rows.</summary>
    public static void WriteFloat32(string path, float[] data, int[] shape)
    {
        using var writer = new NpyStreamWriter(path, shape);
        writer.WriteRows(data);
        writer.Complete();
    }

    /// <summary>Writes a float64 C-order array (targets and ceilings, where float32 would round), through
    /// <c>path.partial</c> so that a cut write never leaves a file that looks complete.</summary>
    public static void WriteFloat64(string path, ReadOnlySpan<double> data, int[] shape)
    {
        long expected = shape.Aggregate(1L, (a, b) => checked(a * b));
        if (shape.Any(d => d < 0) || expected != data.Length)
            throw new ArgumentException($"{data.Length} values do not fill the shape ({string.Join(", ", shape)}).", nameof(shape));
        string partial = path + ".partial";
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            stream.Write(HeaderBytes("<f8", shape));
            int perChunk = ReadLimits.ReadChunkBytes / sizeof(double);
            for (long start = 0; start < data.Length; start += perChunk)
                stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.Slice((int)start, (int)Math.Min(perChunk, data.Length - start))));
            stream.Flush(true);
        }
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The header bytes (magic, version 1.0, padded dict) for a float32 C-order array.</summary>
    public static byte[] Float32Header(int[] shape) => HeaderBytes("<f4", shape);

    /// <summary>The header bytes for a float64 C-order array.</summary>
    public static byte[] Float64Header(int[] shape) => HeaderBytes("<f8", shape);

    static byte[] HeaderBytes(string descr, int[] shape)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1;
        int padding = (64 - unpadded % 64) % 64;
        string header = dict + new string(' ', padding) + "\n";
        var bytes = new byte[Magic.Length + 4 + header.Length];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        BitConverter.GetBytes((ushort)header.Length).CopyTo(bytes, 8);
        Encoding.ASCII.GetBytes(header).CopyTo(bytes, 10);
        return bytes;
    }

    /// <summary>Reads a float32 or float64 array (returned as float32, C order).</summary>
    public static (float[] Data, int[] Shape) ReadFloat32(string path)
    {
        var (header, doubles, floats) = ReadValues(path, wantDoubles: false);
        var data = floats ?? Array.ConvertAll(doubles!, v => (float)v);
        return (header.FortranOrder ? FortranToC(data, header.Shape) : data, header.Shape);
    }

    /// <summary>Reads a float32 or float64 array at full float64 precision (C order): for targets,
    /// ceilings and integer ids, where float32 would round.</summary>
    public static (double[] Data, int[] Shape) ReadFloat64(string path)
    {
        var (header, doubles, floats) = ReadValues(path, wantDoubles: true);
        var data = doubles ?? Array.ConvertAll(floats!, v => (double)v);
        return (header.FortranOrder ? FortranToC(data, header.Shape) : data, header.Shape);
    }

    /// <summary>The raw values in file order, as the file's own element type. The declared size is
    /// checked against the bytes the file has before anything is allocated, and large arrays are read
    /// in <see cref="ReadLimits.ReadChunkBytes"/> pieces (one read cannot pass 2 GiB).</summary>
    static (Header Header, double[]? Doubles, float[]? Floats) ReadValues(string path, bool wantDoubles)
    {
        using var stream = File.OpenRead(path);
        var header = ReadHeader(stream, path);
        long count = ReadLimits.ElementCount(header.Shape.Select(d => (long)d), path);
        int itemSize = header.Descr switch
        {
            "<f4" => 4,
            "<f8" => 8,
            _ => throw new InvalidDataException($"{path}: dtype '{header.Descr}' is not supported here; save the array as float32 or float64 (e.g. arr.astype('float32'))."),
        };
        if (count > Array.MaxLength) throw new InvalidDataException($"{path}: {count} values do not fit one array (at most {Array.MaxLength}); split the array into several files.");
        ReadLimits.RequireBytes(count, itemSize, ReadLimits.Remaining(stream), path, $"the header (shape ({string.Join(", ", header.Shape)}))");
        if (itemSize == 4)
        {
            var floats = new float[count];
            ReadChunked(stream, floats, path);
            return (header, null, floats);
        }
        var doubles = new double[count];
        ReadChunked(stream, doubles, path);
        return (header, doubles, null);
    }

    /// <summary>Fills <paramref name="values"/> from the stream a chunk at a time: a span of bytes over the
    /// whole array would overflow int beyond 2 GiB.</summary>
    static void ReadChunked<T>(Stream stream, T[] values, string path) where T : struct
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        int perChunk = ReadLimits.ReadChunkBytes / size;
        for (long start = 0; start < values.Length; start += perChunk)
        {
            int n = (int)Math.Min(perChunk, values.Length - start);
            ReadExactly(stream, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan((int)start, n)), path);
        }
    }

    public sealed record Header(string Descr, bool FortranOrder, int[] Shape, long DataOffset);

    /// <summary>Reads and checks the header: a known version, a length within
    /// <see cref="ReadLimits.MaxNpyHeaderBytes"/> and the stream, and a shape of non-negative integers
    /// that each fit an int. Whether the data fits the file is the caller's check (it knows the item size).</summary>
    public static Header ReadHeader(Stream stream, string path)
    {
        var prefix = new byte[8];
        ReadExactly(stream, prefix, path);
        if (!prefix.AsSpan(0, 6).SequenceEqual(Magic)) throw new InvalidDataException($"{path}: not a .npy file (bad magic).");
        int major = prefix[6];
        long headerLength;
        if (major == 1)
        {
            var len = new byte[2];
            ReadExactly(stream, len, path);
            headerLength = BitConverter.ToUInt16(len);
        }
        else if (major is 2 or 3)
        {
            var len = new byte[4];
            ReadExactly(stream, len, path);
            headerLength = BitConverter.ToUInt32(len);
        }
        else throw new InvalidDataException($"{path}: .npy format version {major}.{prefix[7]} is not supported (1.0, 2.0 and 3.0 are).");
        if (headerLength > ReadLimits.MaxNpyHeaderBytes || headerLength > ReadLimits.Remaining(stream))
            throw new InvalidDataException($"{path}: the .npy header claims {headerLength} bytes, more than {(headerLength > ReadLimits.MaxNpyHeaderBytes ? $"the {ReadLimits.MaxNpyHeaderBytes}-byte limit" : "the file holds")} (truncated or corrupt file).");
        var text = new byte[headerLength];
        ReadExactly(stream, text, path);
        string dict = Encoding.Latin1.GetString(text);
        string descr = DescrPattern().Match(dict) is { Success: true } d ? d.Groups[1].Value : throw new InvalidDataException($"{path}: header has no descr.");
        bool fortran = FortranPattern().Match(dict) is { Success: true } f && f.Groups[1].Value == "True";
        var shapeMatch = ShapePattern().Match(dict);
        if (!shapeMatch.Success) throw new InvalidDataException($"{path}: header has no shape.");
        string shapeText = shapeMatch.Groups[1].Value;
        int[] shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int v) ? v
                : throw new InvalidDataException($"{path}: header shape ({shapeText}) has '{t}', not a dimension from 0 to {int.MaxValue}."))
            .ToArray();
        ReadLimits.ElementCount(shape.Select(v => (long)v), path);
        return new Header(descr, fortran, shape, stream.Position);
    }

    static T[] FortranToC<T>(T[] data, int[] shape)
    {
        if (shape.Length < 2) return data;
        var result = new T[data.Length];
        int rank = shape.Length;
        var index = new int[rank];
        // Fortran strides: first axis fastest.
        var fStride = new long[rank];
        fStride[0] = 1;
        for (int a = 1; a < rank; a++) fStride[a] = fStride[a - 1] * shape[a - 1];
        for (long c = 0; c < data.Length; c++)
        {
            long f = 0;
            for (int a = 0; a < rank; a++) f += index[a] * fStride[a];
            result[c] = data[f];
            for (int a = rank - 1; a >= 0; a--)
            {
                if (++index[a] < shape[a]) break;
                index[a] = 0;
            }
        }
        return result;
    }

    static void ReadExactly(Stream stream, Span<byte> buffer, string path)
    {
        try { stream.ReadExactly(buffer); }
        catch (EndOfStreamException) { throw new InvalidDataException($"{path}: file is truncated."); }
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")] private static partial Regex DescrPattern();
    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")] private static partial Regex FortranPattern();
    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")] private static partial Regex ShapePattern();
}
