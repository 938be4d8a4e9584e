namespace BBScore.Formats.Safetensors;

/// <summary>One tensor as the header declares it: its name, element type, shape (C order) and the bytes
/// <c>[Begin, End)</c> of the data buffer that hold it. A checked header guarantees
/// <c>End − Begin = ElementCount × dtype size</c> and that the range lies inside the buffer.</summary>
public sealed record SafetensorsTensorInfo(string Name, SafetensorsDType DType, long[] Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (product, d) => product * d);

    public long ByteLength => End - Begin;

    public string ShapeText => $"[{string.Join(",", Shape)}]";
}
