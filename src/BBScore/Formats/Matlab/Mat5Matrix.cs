using System.Buffers.Binary;
using System.Text;
using BBScore.Formats;

namespace BBScore.Formats.Matlab;

/// <summary>Decodes one miMATRIX element (array flags, dimensions, name, then class-specific data)
/// into a <see cref="MatValue"/>, recursing into cells and structs.</summary>
internal static class Mat5Matrix
{
    const int ComplexFlag = 0x08, LogicalFlag = 0x02;

    /// <summary>The variable name without decoding the data (for listing).</summary>
    public static string ReadName(ReadOnlyMemory<byte> matrix, string context)
    {
        if (matrix.Length == 0) return "";
        int offset = 0;
        Mat5Element.Read(matrix, ref offset, context); // flags
        Mat5Element.Read(matrix, ref offset, context); // dims
        return Encoding.ASCII.GetString(Mat5Element.Read(matrix, ref offset, context).Data.Span);
    }

    /// <summary>Decodes one matrix. Every count read from the file is checked against the bytes this
    /// element holds before it sizes an array, and nesting stops at <see cref="ReadLimits.MaxNestingDepth"/>.</summary>
    public static MatValue Decode(ReadOnlyMemory<byte> matrix, string context, int depth = 0)
    {
        if (depth > ReadLimits.MaxNestingDepth)
            throw new InvalidDataException($"{context}: cells or structs nest deeper than {ReadLimits.MaxNestingDepth} levels (corrupt or hostile file).");
        if (matrix.Length == 0) return new MatNumeric(MatClass.Double, [0, 0], Array.Empty<double>());
        int offset = 0;
        var flags = Mat5Element.Read(matrix, ref offset, context);
        if (flags.Data.Length < 8) throw new InvalidDataException($"{context}: array flags element is {flags.Data.Length} bytes (expected 8).");
        uint word = BinaryPrimitives.ReadUInt32LittleEndian(flags.Data.Span);
        int classCode = (int)(word & 0xFF), flagBits = (int)(word >> 8 & 0xFF);
        int[] shape = MatLayout.AtLeast2D(Dimensions(Mat5Element.Read(matrix, ref offset, context), context));
        Mat5Element.Read(matrix, ref offset, context); // name (empty inside cells and structs)
        if ((flagBits & ComplexFlag) != 0)
            throw new NotSupportedException($"{context}: complex arrays are not supported (class code {classCode}, size {string.Join("x", shape)}); save real and imaginary parts separately.");
        long declared = ReadLimits.ElementCount(shape.Select(d => (long)d), context);
        int count = ReadLimits.RequireArrayLength(declared, context, $"a {string.Join("x", shape)} array");
        switch (classCode)
        {
            case 1: // cell
                ReadLimits.RequireBytes(count, 8, matrix.Length - offset, context, "a cell array"); // each item has an 8-byte tag at least
                var items = new MatValue[count];
                for (int i = 0; i < count; i++)
                {
                    var e = Mat5Element.Read(matrix, ref offset, context);
                    items[i] = Decode(e.Data, $"{context}{{{i + 1}}}", depth + 1);
                }
                return new MatCell(shape, MatLayout.ColumnMajorToRowMajor(items, shape));
            case 2: // struct
                return DecodeStruct(matrix, ref offset, shape, count, context, depth);
            case 4: // char
                return DecodeChar(Mat5Element.Read(matrix, ref offset, context), shape, context);
            case >= 6 and <= 15:
                var cls = (flagBits & LogicalFlag) != 0 ? MatClass.Logical : (MatClass)(classCode - 6);
                var real = Mat5Element.Read(matrix, ref offset, context);
                if (real.Count != count)
                    throw new InvalidDataException($"{context}: {real.Count} values for a {string.Join("x", shape)} array.");
                return new MatNumeric(cls, shape, Convert(real, cls, shape));
            default:
                string what = classCode switch { 3 => "object", 5 => "sparse", 16 => "function handle", 17 => "opaque (e.g. table, string, datetime)", _ => $"class code {classCode}" };
                throw new NotSupportedException($"{context}: MATLAB {what} arrays are not supported; convert to numeric, char, cell or struct before saving.");
        }
    }

    /// <summary>Integer dimensions, each from 0 to int.MaxValue (a double or 64-bit dims element could say anything).</summary>
    static int[] Dimensions(Mat5Element dims, string context)
    {
        var result = new int[dims.Count];
        for (int i = 0; i < result.Length; i++)
        {
            double d = dims.GetDouble(i);
            if (!(d >= 0 && d <= int.MaxValue) || d != Math.Floor(d))
                throw new InvalidDataException($"{context}: dimension {i + 1} is {d}, not a size from 0 to {int.MaxValue}.");
            result[i] = (int)d;
        }
        return result;
    }

    static MatStruct DecodeStruct(ReadOnlyMemory<byte> matrix, ref int offset, int[] shape, int count, string context, int depth)
    {
        var lengthElement = Mat5Element.Read(matrix, ref offset, context);
        double nameLengthValue = lengthElement.Count > 0 ? lengthElement.GetDouble(0) : -1;
        if (!(nameLengthValue >= 0 && nameLengthValue <= 1 << 16))
            throw new InvalidDataException($"{context}: struct field-name length {nameLengthValue} (expected 0 to 65536).");
        int nameLength = (int)nameLengthValue;
        var names = Mat5Element.Read(matrix, ref offset, context).Data.Span;
        int nFields = nameLength == 0 ? 0 : names.Length / nameLength;
        // Each field of each element has an 8-byte tag at least; a fieldless struct array costs no bytes
        // per element, so it is bounded by this element's size instead.
        ReadLimits.RequireBytes(count, nFields == 0 ? 1 : 8L * nFields, nFields == 0 ? matrix.Length : matrix.Length - offset, context, "a struct array");
        var fields = new string[nFields];
        for (int f = 0; f < nFields; f++)
        {
            var raw = names.Slice(f * nameLength, nameLength);
            int end = raw.IndexOf((byte)0);
            fields[f] = Encoding.ASCII.GetString(end < 0 ? raw : raw[..end]);
        }
        var elements = new IReadOnlyDictionary<string, MatValue>[count];
        for (int i = 0; i < count; i++)
        {
            var element = new Dictionary<string, MatValue>();
            foreach (var field in fields)
                element[field] = Decode(Mat5Element.Read(matrix, ref offset, context).Data, $"{context}.{field}", depth + 1);
            elements[i] = element;
        }
        return new MatStruct(shape, fields, MatLayout.ColumnMajorToRowMajor(elements, shape));
    }

    static MatChar DecodeChar(Mat5Element data, int[] shape, string context)
    {
        string[] chars = data.Type switch
        {
            Mat5Type.Utf8 => Encoding.UTF8.GetString(data.Data.Span).EnumerateRunes().Select(r => r.ToString()).ToArray(),
            Mat5Type.Utf16 or Mat5Type.UInt16 => Enumerable.Range(0, data.Count).Select(i => ((char)data.GetDouble(i)).ToString()).ToArray(),
            Mat5Type.Utf32 => Enumerable.Range(0, data.Count).Select(i => Utf32(data.GetDouble(i), context)).ToArray(),
            Mat5Type.UInt8 or Mat5Type.Int8 => Enumerable.Range(0, data.Count).Select(i => ((char)(byte)data.GetDouble(i)).ToString()).ToArray(),
            _ => throw new InvalidDataException($"{context}: char data stored as type {(int)data.Type}."),
        };
        long count = ReadLimits.ElementCount(shape.Select(d => (long)d), context);
        if (chars.Length != count) throw new InvalidDataException($"{context}: {chars.Length} characters for a {string.Join("x", shape)} char array.");
        return new MatChar(shape, MatLayout.CharRows(chars, shape, context));
    }

    static string Utf32(double codePoint, string context) =>
        codePoint is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32((int)codePoint)
            : throw new InvalidDataException($"{context}: char data holds {codePoint}, not a Unicode code point.");

    /// <summary>Converts the stored values (MATLAB may store e.g. a double array as uint8) to the class's type, row-major.</summary>
    static Array Convert(Mat5Element e, MatClass cls, int[] shape)
    {
        int n = e.Count;
        return cls switch
        {
            MatClass.Double => Build(n, e.GetDouble, shape),
            MatClass.Single => Build(n, i => (float)e.GetDouble(i), shape),
            MatClass.Int8 => Build(n, i => (sbyte)e.GetDouble(i), shape),
            MatClass.UInt8 => Build(n, i => (byte)e.GetDouble(i), shape),
            MatClass.Int16 => Build(n, i => (short)e.GetDouble(i), shape),
            MatClass.UInt16 => Build(n, i => (ushort)e.GetDouble(i), shape),
            MatClass.Int32 => Build(n, i => (int)e.GetDouble(i), shape),
            MatClass.UInt32 => Build(n, i => (uint)e.GetDouble(i), shape),
            MatClass.Int64 => Build(n, e.GetInt64, shape),
            MatClass.UInt64 => Build(n, e.GetUInt64, shape),
            MatClass.Logical => Build(n, i => e.GetDouble(i) != 0, shape),
            _ => throw new InvalidOperationException(cls.ToString()),
        };
    }

    /// <summary>Fills a column-major array and reorders it row-major. (Generic on purpose: a type
    /// switch over arrays would confuse byte[] with sbyte[], which the CLR lets cast to each other.)</summary>
    static T[] Build<T>(int n, Func<int, T> get, int[] shape) => MatLayout.ColumnMajorToRowMajor(Fill(n, get), shape);

    static T[] Fill<T>(int n, Func<int, T> get)
    {
        var a = new T[n];
        for (int i = 0; i < n; i++) a[i] = get(i);
        return a;
    }
}
