using System.Runtime.InteropServices;
using Onnx;

namespace BBScore.Models.Onnx;

/// <summary>Reads the values of a float initializer, whichever of the two encodings ONNX allows it uses.</summary>
public static class OnnxTensorData
{
    public static float[] ReadFloats(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"Tensor '{tensor.Name}' is not float32 (data type {tensor.DataType}).");
        if (tensor.FloatData.Count > 0) return tensor.FloatData.ToArray();
        // raw_data is little-endian, which is what MemoryMarshal reads on every platform .NET runs on here.
        return MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
    }
}
