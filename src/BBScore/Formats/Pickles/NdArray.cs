using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace BBScore.Formats.Pickles;

/// <summary>A numpy dtype this reader understands: bool (<c>b1</c>), signed/unsigned integers of 1, 2, 4
/// and 8 bytes, float32/float64, fixed-width unicode (<c>U</c>) and object (<c>O</c>).</summary>
public sealed record NumpyDType(char Kind, int ItemSize, bool BigEndian)
{
    /// <summary>numpy's <c>dtype.str</c> spelling: <c>&lt;f4</c>, <c>|u1</c>, <c>&gt;i8</c>, <c>|b1</c>, <c>|O</c>, <c>&lt;U5</c>.</summary>
    public string Descr => Kind switch
    {
        'O' => "|O",
        'U' => $"{(BigEndian ? '>' : '<')}U{ItemSize / 4}",
        _ when ItemSize == 1 => $"|{Kind}1",
        _ => $"{(BigEndian ? '>' : '<')}{Kind}{ItemSize}",
    };

    /// <summary>numpy's name: float32, int64, uint8, bool, object, str.</summary>
    public string Name => Kind switch
    {
        'f' => $"float{ItemSize * 8}",
        'i' => $"int{ItemSize * 8}",
        'u' => $"uint{ItemSize * 8}",
        'b' => "bool",
        'O' => "object",
        'U' => $"str{ItemSize / 4}",
        _ => Descr,
    };

    /// <summary>The CLR element type of <see cref="NdArray.Data"/> for this dtype.</summary>
    public Type ElementType => (Kind, ItemSize) switch
    {
        ('f', 4) => typeof(float),
        ('f', 8) => typeof(double),
        ('i', 1) => typeof(sbyte),
        ('i', 2) => typeof(short),
        ('i', 4) => typeof(int),
        ('i', 8) => typeof(long),
        ('u', 1) => typeof(byte),
        ('u', 2) => typeof(ushort),
        ('u', 4) => typeof(uint),
        ('u', 8) => typeof(ulong),
        ('b', 1) => typeof(bool),
        ('U', _) => typeof(string),
        ('O', _) => typeof(PickleValue),
        _ => throw new InvalidDataException($"numpy dtype '{Descr}' is not supported (supported: bool, int8..int64, uint8..uint64, float32, float64, fixed-width str, object)."),
    };

    /// <summary>Parses a numpy type string (<c>'&lt;f4'</c>, <c>'f8'</c>, <c>'|b1'</c>, <c>'?'</c>, <c>'O'</c>, <c>'&lt;U5'</c>).
    /// <paramref name="byteOrder"/> ('&lt;', '&gt;', '|', '=') overrides the one in the string when given.</summary>
    public static NumpyDType Parse(string text, string? byteOrder = null)
    {
        string s = text.Trim();
        char order = '=';
        if (s.Length > 0 && s[0] is '<' or '>' or '|' or '=') { order = s[0]; s = s[1..]; }
        if (byteOrder is { Length: 1 }) order = byteOrder[0];
        if (s == "?") s = "b1";
        if (s.Length == 0) throw new InvalidDataException($"empty numpy dtype '{text}'.");
        char kind = s[0];
        string digits = s[1..];
        int count = digits.Length == 0 ? 0 : int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new InvalidDataException($"numpy dtype '{text}' is not supported (structured, datetime and other dtypes cannot be read).");
        bool big = order == '>' || (order == '=' && !BitConverter.IsLittleEndian);
        var dtype = kind switch
        {
            'O' => new NumpyDType('O', 8, false),
            'U' => new NumpyDType('U', count * 4, big),
            'f' or 'i' or 'u' or 'b' => new NumpyDType(kind, count, count == 1 ? false : big),
            _ => throw new InvalidDataException($"numpy dtype '{text}' is not supported (supported: bool, int8..int64, uint8..uint64, float32, float64, fixed-width str, object)."),
        };
        _ = dtype.ElementType; // validates the size
        return dtype;
    }
}

/// <summary>A numpy array decoded into a typed CLR array: <see cref="Data"/> is always one-dimensional,
/// in C (row-major) order and native byte order, whatever order and byte order the file had.
/// Element types: see <see cref="NumpyDType.ElementType"/> (object arrays hold <see cref="PickleValue"/>s,
/// unicode arrays hold strings).</summary>
public sealed class NdArray : PickleValue
{
    public NdArray(NumpyDType dtype, int[] shape, Array data)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (data.Length != count) throw new ArgumentException($"{data.Length} values for shape ({string.Join(", ", shape)}).");
        DType = dtype;
        Shape = shape;
        Data = data;
    }

    public NumpyDType DType { get; }
    public int[] Shape { get; }
    /// <summary>The values, C order, one-dimensional (<c>float[]</c>, <c>long[]</c>, <c>bool[]</c>, <c>string[]</c>, <c>PickleValue[]</c>, ...).</summary>
    public Array Data { get; }
    public long Length => Data.Length;

    /// <summary>The values as <typeparamref name="T"/>[] (no conversion), or an error naming the dtype.</summary>
    public T[] As<T>() => Data.GetType() == typeof(T[]) ? (T[])Data : throw new InvalidDataException($"array is {DType.Name}, not {typeof(T).Name}.");

    /// <summary>Numeric or bool values widened to double (an error for str/object arrays unless every element is a number).</summary>
    public double[] ToDoubles()
    {
        // Dispatch on the exact element type: the CLR lets a byte[] match an sbyte[] pattern (and
        // ushort[]/short[], uint[]/int[], ulong[]/long[] likewise), so type patterns would mix them up.
        var t = Data.GetType().GetElementType();
        if (t == typeof(double)) return (double[])((double[])Data).Clone();
        if (t == typeof(float)) return Array.ConvertAll((float[])Data, v => (double)v);
        if (t == typeof(byte)) return Array.ConvertAll((byte[])Data, v => (double)v);
        if (t == typeof(ushort)) return Array.ConvertAll((ushort[])Data, v => (double)v);
        if (t == typeof(uint)) return Array.ConvertAll((uint[])Data, v => (double)v);
        if (t == typeof(ulong)) return Array.ConvertAll((ulong[])Data, v => (double)v);
        if (t == typeof(sbyte)) return Array.ConvertAll((sbyte[])Data, v => (double)v);
        if (t == typeof(short)) return Array.ConvertAll((short[])Data, v => (double)v);
        if (t == typeof(int)) return Array.ConvertAll((int[])Data, v => (double)v);
        if (t == typeof(long)) return Array.ConvertAll((long[])Data, v => (double)v);
        if (t == typeof(bool)) return Array.ConvertAll((bool[])Data, v => v ? 1.0 : 0.0);
        if (t == typeof(PickleValue)) return Array.ConvertAll((PickleValue[])Data, v => v switch
        {
            PickleFloat f => f.Value,
            PickleInt i => (double)i.Value,
            PickleBool b => b.Value ? 1.0 : 0.0,
            PickleNone => double.NaN,
            _ => throw new InvalidDataException($"object array holds a {v.Describe()}, not a number."),
        });
        throw new InvalidDataException($"a {DType.Name} array has no numeric values.");
    }

    /// <summary>str or object-of-str values (None → null); an error for numeric arrays or non-str objects.</summary>
    public string?[] ToStrings() => Data switch
    {
        string[] s => (string?[])s.Clone(),
        PickleValue[] o => Array.ConvertAll(o, v => v switch
        {
            PickleString s => s.Value,
            PickleNone => null,
            _ => throw new InvalidDataException($"object array holds a {v.Describe()}, not a str."),
        }),
        _ => throw new InvalidDataException($"a {DType.Name} array holds no strings."),
    };

    public override string Describe() => $"{DType.Name} array ({string.Join(", ", Shape)})";

    /// <summary>Decodes raw numpy bytes (file order as given by <paramref name="fortranOrder"/>, byte
    /// order of <paramref name="dtype"/>) into C order, native byte order. <paramref name="source"/> names
    /// the file (and member) for error messages.</summary>
    public static NdArray FromBytes(NumpyDType dtype, int[] shape, bool fortranOrder, ReadOnlySpan<byte> raw, string source)
    {
        if (dtype.Kind == 'O') throw new InvalidDataException($"{source}: object arrays have no raw byte form.");
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (shape.Any(d => d < 0)) throw new InvalidDataException($"{source}: negative array shape ({string.Join(", ", shape)}).");
        if (count * dtype.ItemSize > int.MaxValue) throw new InvalidDataException($"{source}: a {dtype.Name} array of {count} values does not fit one CLR array.");
        int size = dtype.ItemSize;
        if (raw.Length != count * size)
            throw new InvalidDataException($"{source}: a {dtype.Name} array of shape ({string.Join(", ", shape)}) needs {count * size} bytes, found {raw.Length} (truncated or corrupt).");
        byte[] bytes = fortranOrder && shape.Length > 1 ? FortranToC(raw, shape, size) : raw.ToArray();
        if (dtype.BigEndian && size > 1)
        {
            int unit = dtype.Kind == 'U' ? 4 : size;
            for (int i = 0; i < bytes.Length; i += unit) bytes.AsSpan(i, unit).Reverse();
        }
        Array data = dtype.ElementType switch
        {
            var t when t == typeof(float) => MemoryMarshal.Cast<byte, float>(bytes).ToArray(),
            var t when t == typeof(double) => MemoryMarshal.Cast<byte, double>(bytes).ToArray(),
            var t when t == typeof(sbyte) => MemoryMarshal.Cast<byte, sbyte>(bytes).ToArray(),
            var t when t == typeof(short) => MemoryMarshal.Cast<byte, short>(bytes).ToArray(),
            var t when t == typeof(int) => MemoryMarshal.Cast<byte, int>(bytes).ToArray(),
            var t when t == typeof(long) => MemoryMarshal.Cast<byte, long>(bytes).ToArray(),
            var t when t == typeof(byte) => bytes,
            var t when t == typeof(ushort) => MemoryMarshal.Cast<byte, ushort>(bytes).ToArray(),
            var t when t == typeof(uint) => MemoryMarshal.Cast<byte, uint>(bytes).ToArray(),
            var t when t == typeof(ulong) => MemoryMarshal.Cast<byte, ulong>(bytes).ToArray(),
            var t when t == typeof(bool) => Array.ConvertAll(bytes, b => b != 0),
            _ => DecodeUnicode(bytes, size, (int)count),
        };
        return new NdArray(dtype, shape, data);
    }

    static string[] DecodeUnicode(byte[] bytes, int size, int count)
    {
        var result = new string[count];
        for (int i = 0; i < count; i++)
        {
            var item = bytes.AsSpan(i * size, size);
            int chars = size / 4;
            while (chars > 0 && BinaryPrimitives.ReadUInt32LittleEndian(item[((chars - 1) * 4)..]) == 0) chars--;
            result[i] = Encoding.UTF32.GetString(item[..(chars * 4)]);
        }
        return result;
    }

    /// <summary>Permutes Fortran-ordered items (first axis fastest) into C order.</summary>
    static byte[] FortranToC(ReadOnlySpan<byte> raw, int[] shape, int size)
    {
        var result = new byte[raw.Length];
        int rank = shape.Length;
        long count = raw.Length / Math.Max(size, 1);
        if (count == 0) return result;
        var index = new int[rank];
        var fStride = new long[rank];
        fStride[0] = 1;
        for (int a = 1; a < rank; a++) fStride[a] = fStride[a - 1] * shape[a - 1];
        long f = 0;
        for (long c = 0; c < count; c++)
        {
            raw.Slice((int)(f * size), size).CopyTo(result.AsSpan((int)(c * size), size));
            for (int a = rank - 1; a >= 0; a--)
            {
                if (++index[a] < shape[a]) { f += fStride[a]; break; }
                f -= (long)(shape[a] - 1) * fStride[a];
                index[a] = 0;
            }
        }
        return result;
    }
}
