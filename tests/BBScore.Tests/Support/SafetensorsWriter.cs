using System.Text;
using System.Text.Json;

namespace BBScore.Tests.Support;

/// <summary>Writes float32 tensors in the safetensors layout (8-byte little-endian header length, the JSON header
/// padded with spaces to a multiple of 8 as Hugging Face's writer does, then the data in header order), for tests
/// that serve checkpoints in the real format.</summary>
internal static class SafetensorsWriter
{
    public static byte[] Float32(IReadOnlyList<(string Name, long[] Shape, float[] Values)> tensors)
    {
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        long offset = 0;
        foreach (var (name, shape, values) in tensors)
        {
            long bytes = 4L * values.Length;
            header[name] = new { dtype = "F32", shape, data_offsets = new[] { offset, offset + bytes } };
            offset += bytes;
        }
        byte[] json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        int padded = (json.Length + 7) / 8 * 8;
        using var stream = new MemoryStream();
        stream.Write(BitConverter.GetBytes((ulong)padded));
        stream.Write(json);
        for (int i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var (_, _, values) in tensors) stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return stream.ToArray();
    }
}
