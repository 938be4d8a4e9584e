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

    /// <summary>The header bytes (magic, version 1.0, padded dict) for a float32 C-order array.</summary>
    public static byte[] Float32Header(int[] shape)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
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

    /// <summary>The raw values in file order, as the file's own element type.</summary>
    static (Header Header, double[]? Doubles, float[]? Floats) ReadValues(string path, bool wantDoubles)
    {
        using var stream = File.OpenRead(path);
        var header = ReadHeader(stream, path);
        long count = header.Shape.Aggregate(1L, (a, b) => a * b);
        if (count > int.MaxValue) throw new InvalidDataException($"{path}: {count} values do not fit one array; read it in chunks.");
        switch (header.Descr)
        {
            case "<f4":
                var floats = new float[count];
                ReadExactly(stream, System.Runtime.InteropServices.MemoryMarshal.AsBytes(floats.AsSpan()), path);
                return (header, null, floats);
            case "<f8":
                var doubles = new double[count];
                ReadExactly(stream, System.Runtime.InteropServices.MemoryMarshal.AsBytes(doubles.AsSpan()), path);
                return (header, doubles, null);
            default:
                throw new InvalidDataException($"{path}: dtype '{header.Descr}' is not supported here; save the array as float32 or float64 (e.g. arr.astype('float32')).");
        }
    }

    public sealed record Header(string Descr, bool FortranOrder, int[] Shape, long DataOffset);

    public static Header ReadHeader(Stream stream, string path)
    {
        var prefix = new byte[8];
        ReadExactly(stream, prefix, path);
        if (!prefix.AsSpan(0, 6).SequenceEqual(Magic)) throw new InvalidDataException($"{path}: not a .npy file (bad magic).");
        int major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            var len = new byte[2];
            ReadExactly(stream, len, path);
            headerLength = BitConverter.ToUInt16(len);
        }
        else
        {
            var len = new byte[4];
            ReadExactly(stream, len, path);
            headerLength = checked((int)BitConverter.ToUInt32(len));
        }
        var text = new byte[headerLength];
        ReadExactly(stream, text, path);
        string dict = Encoding.Latin1.GetString(text);
        string descr = DescrPattern().Match(dict) is { Success: true } d ? d.Groups[1].Value : throw new InvalidDataException($"{path}: header has no descr.");
        bool fortran = FortranPattern().Match(dict) is { Success: true } f && f.Groups[1].Value == "True";
        var shapeMatch = ShapePattern().Match(dict);
        if (!shapeMatch.Success) throw new InvalidDataException($"{path}: header has no shape.");
        int[] shape = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(int.Parse).ToArray();
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
