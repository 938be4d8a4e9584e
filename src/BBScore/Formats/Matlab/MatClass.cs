namespace BBScore.Formats.Matlab;

/// <summary>The MATLAB classes this reader understands (the value of <c>class(x)</c> in MATLAB).</summary>
public enum MatClass
{
    Double, Single, Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64, Logical, Char, Cell, Struct,
}

public static class MatClasses
{
    /// <summary>The MATLAB spelling (<c>"double"</c>, <c>"uint8"</c>, <c>"logical"</c>, ...).</summary>
    public static string MatlabName(this MatClass c) => c.ToString().ToLowerInvariant();

    /// <summary>Parses MATLAB's spelling; null for classes this reader does not support.</summary>
    public static MatClass? FromMatlabName(string name) => name switch
    {
        "double" => MatClass.Double, "single" => MatClass.Single,
        "int8" => MatClass.Int8, "uint8" => MatClass.UInt8, "int16" => MatClass.Int16, "uint16" => MatClass.UInt16,
        "int32" => MatClass.Int32, "uint32" => MatClass.UInt32, "int64" => MatClass.Int64, "uint64" => MatClass.UInt64,
        "logical" => MatClass.Logical, "char" => MatClass.Char, "cell" => MatClass.Cell, "struct" => MatClass.Struct,
        _ => null,
    };

    /// <summary>The CLR element type used for a numeric or logical class.</summary>
    public static Type ElementType(this MatClass c) => c switch
    {
        MatClass.Double => typeof(double), MatClass.Single => typeof(float),
        MatClass.Int8 => typeof(sbyte), MatClass.UInt8 => typeof(byte), MatClass.Int16 => typeof(short),
        MatClass.UInt16 => typeof(ushort), MatClass.Int32 => typeof(int), MatClass.UInt32 => typeof(uint),
        MatClass.Int64 => typeof(long), MatClass.UInt64 => typeof(ulong), MatClass.Logical => typeof(bool),
        _ => throw new ArgumentException($"MATLAB class '{c.MatlabName()}' is not numeric.", nameof(c)),
    };
}
