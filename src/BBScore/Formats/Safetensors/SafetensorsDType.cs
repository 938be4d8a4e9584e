using static TorchSharp.torch;

namespace BBScore.Formats.Safetensors;

/// <summary>The element types of a safetensors file that BBScore reads (the format's names, as in the header).
/// The format also names unsigned 16/32/64-bit and 8-bit float types, which libtorch's C# binding has no
/// type for; a file holding one is refused as an unknown dtype.</summary>
public enum SafetensorsDType
{
    F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL,
}

public static class SafetensorsDTypes
{
    /// <summary>The header's name for each type, in the order of <see cref="SafetensorsDType"/>.</summary>
    static readonly string[] Names = Enum.GetNames<SafetensorsDType>();

    public static bool TryParse(string name, out SafetensorsDType dtype)
    {
        int index = Array.IndexOf(Names, name); // exact and case-sensitive, as the format's other readers
        dtype = (SafetensorsDType)Math.Max(index, 0);
        return index >= 0;
    }

    public static string Known => string.Join(", ", Names);

    /// <summary>Bytes per element.</summary>
    public static int Size(this SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F64 or SafetensorsDType.I64 => 8,
        SafetensorsDType.F32 or SafetensorsDType.I32 => 4,
        SafetensorsDType.F16 or SafetensorsDType.BF16 or SafetensorsDType.I16 => 2,
        SafetensorsDType.I8 or SafetensorsDType.U8 or SafetensorsDType.BOOL => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>The libtorch type that holds the values unchanged.</summary>
    public static ScalarType ToScalarType(this SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F64 => ScalarType.Float64,
        SafetensorsDType.F32 => ScalarType.Float32,
        SafetensorsDType.F16 => ScalarType.Float16,
        SafetensorsDType.BF16 => ScalarType.BFloat16,
        SafetensorsDType.I64 => ScalarType.Int64,
        SafetensorsDType.I32 => ScalarType.Int32,
        SafetensorsDType.I16 => ScalarType.Int16,
        SafetensorsDType.I8 => ScalarType.Int8,
        SafetensorsDType.U8 => ScalarType.Byte,
        SafetensorsDType.BOOL => ScalarType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };
}
