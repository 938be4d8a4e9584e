using Onnx;

namespace BBScore.Models.Onnx;

/// <summary>Parses an ONNX ModelProto from a file opened read-only with shared reading. OnnxSharp's
/// <c>ParseFromFile</c> opens files read-write and unshared, which on Linux takes an exclusive lock
/// and makes concurrent loads of the same model (parallel tests, two processes) fail.</summary>
public static class OnnxProtoReader
{
    public static ModelProto Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return ModelProto.Parser.ParseFrom(stream);
    }
}
