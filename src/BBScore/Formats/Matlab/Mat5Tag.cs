using System.Buffers.Binary;

namespace BBScore.Formats.Matlab;

/// <summary>MAT-file level 5 data types (the first field of every element tag).</summary>
internal enum Mat5Type
{
    Int8 = 1, UInt8 = 2, Int16 = 3, UInt16 = 4, Int32 = 5, UInt32 = 6, Single = 7, Double = 9,
    Int64 = 12, UInt64 = 13, Matrix = 14, Compressed = 15, Utf8 = 16, Utf16 = 17, Utf32 = 18,
}

/// <summary>One data element: its type and its payload (a slice of the file or decompressed bytes).
/// Reads both tag formats: the 8-byte tag (type, byte count; payload padded to 8 bytes) and the small
/// data element (type and count packed in 4 bytes, up to 4 payload bytes inline).</summary>
internal readonly record struct Mat5Element(Mat5Type Type, ReadOnlyMemory<byte> Data)
{
    /// <summary>Reads the element at <paramref name="offset"/> and advances it past the padding.</summary>
    public static Mat5Element Read(ReadOnlyMemory<byte> buffer, ref int offset, string context)
    {
        var span = buffer.Span;
        if (offset + 8 > span.Length) throw Truncated(context, offset, span.Length);
        uint first = BinaryPrimitives.ReadUInt32LittleEndian(span[offset..]);
        if (first >> 16 != 0) // small data element: high 16 bits = byte count, low 16 = type
        {
            int small = (int)(first >> 16);
            if (small > 4) throw new InvalidDataException($"{context}: small data element at byte {offset} claims {small} bytes (at most 4).");
            var data = buffer.Slice(offset + 4, small);
            offset += 8;
            return new Mat5Element((Mat5Type)(first & 0xFFFF), data);
        }
        var type = (Mat5Type)first;
        long count = BinaryPrimitives.ReadUInt32LittleEndian(span[(offset + 4)..]);
        long start = offset + 8L;
        if (start + count > span.Length) throw Truncated(context, offset, span.Length, count);
        var payload = buffer.Slice((int)start, (int)count);
        long next = type == Mat5Type.Compressed ? start + count : start + (count + 7) / 8 * 8;
        offset = (int)Math.Min(next, span.Length);
        return new Mat5Element(type, payload);
    }

    static InvalidDataException Truncated(string context, int offset, int length, long count = 8) =>
        new($"{context}: data element at byte {offset} needs {count} bytes but only {length - offset} remain (truncated file?).");

    public int ElementSize => Type switch
    {
        Mat5Type.Int8 or Mat5Type.UInt8 or Mat5Type.Utf8 => 1,
        Mat5Type.Int16 or Mat5Type.UInt16 or Mat5Type.Utf16 => 2,
        Mat5Type.Int32 or Mat5Type.UInt32 or Mat5Type.Single or Mat5Type.Utf32 => 4,
        Mat5Type.Int64 or Mat5Type.UInt64 or Mat5Type.Double => 8,
        _ => 1,
    };

    public int Count => Data.Length / ElementSize;

    /// <summary>Element i as a double (exact for every type but 64-bit integers beyond 2^53).</summary>
    public double GetDouble(int i)
    {
        var s = Data.Span;
        return Type switch
        {
            Mat5Type.Int8 => (sbyte)s[i],
            Mat5Type.UInt8 or Mat5Type.Utf8 => s[i],
            Mat5Type.Int16 => BinaryPrimitives.ReadInt16LittleEndian(s[(2 * i)..]),
            Mat5Type.UInt16 or Mat5Type.Utf16 => BinaryPrimitives.ReadUInt16LittleEndian(s[(2 * i)..]),
            Mat5Type.Int32 => BinaryPrimitives.ReadInt32LittleEndian(s[(4 * i)..]),
            Mat5Type.UInt32 or Mat5Type.Utf32 => BinaryPrimitives.ReadUInt32LittleEndian(s[(4 * i)..]),
            Mat5Type.Single => BinaryPrimitives.ReadSingleLittleEndian(s[(4 * i)..]),
            Mat5Type.Double => BinaryPrimitives.ReadDoubleLittleEndian(s[(8 * i)..]),
            Mat5Type.Int64 => BinaryPrimitives.ReadInt64LittleEndian(s[(8 * i)..]),
            Mat5Type.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(s[(8 * i)..]),
            _ => throw new InvalidDataException($"data type {(int)Type} is not numeric."),
        };
    }

    public long GetInt64(int i) => Type switch
    {
        Mat5Type.Int64 => BinaryPrimitives.ReadInt64LittleEndian(Data.Span[(8 * i)..]),
        Mat5Type.UInt64 => (long)BinaryPrimitives.ReadUInt64LittleEndian(Data.Span[(8 * i)..]),
        _ => (long)GetDouble(i),
    };

    public ulong GetUInt64(int i) => Type switch
    {
        Mat5Type.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(Data.Span[(8 * i)..]),
        Mat5Type.Int64 => (ulong)BinaryPrimitives.ReadInt64LittleEndian(Data.Span[(8 * i)..]),
        _ => (ulong)GetDouble(i),
    };

    public int[] Int32s()
    {
        var result = new int[Count];
        for (int i = 0; i < result.Length; i++) result[i] = (int)GetDouble(i);
        return result;
    }
}
