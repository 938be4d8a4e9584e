using System.Buffers.Binary;
using System.Text;
using static TorchSharp.torch;

namespace BBScore.Tests.Support;

/// <summary>Writes a state dict in torch's legacy <c>torch.save</c> layout, as torch 1.13 does with
/// <c>_use_new_zipfile_serialization=False</c> (protocol 2; fixtures from torch itself are in Fixtures/legacy_torch), as
/// <c>{'state_dict': OrderedDict('module.' + name → tensor)}</c>: a DataParallel checkpoint like CORnet's. For serving
/// full-size networks in tests without committing their weights. Float32 and int64 tensors.</summary>
public static class LegacyTorchWriter
{
    /// <param name="extra">More top-level entries beside 'state_dict' (a training script's flags, its epoch): strings,
    /// whole numbers, floats, booleans, None, and dicts of those.</param>
    public static byte[] StateDict(IReadOnlyDictionary<string, Tensor> state, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var file = new MemoryStream();
        // The magic number 0x1950a86a20f9469cfc6c (LONG1, 10 bytes), protocol version 1001, an empty sys_info.
        Pickle(file, p => { p.WriteByte(0x8a); p.WriteByte(10); p.Write([0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]); });
        Pickle(file, p => { p.WriteByte((byte)'M'); p.Write([0xe9, 0x03]); });
        Pickle(file, p => p.WriteByte((byte)'}'));
        var keys = new List<string>();
        Pickle(file, p =>
        {
            p.WriteByte((byte)'}');
            Text(p, "state_dict");
            Global(p, "collections", "OrderedDict");
            p.WriteByte((byte)')'); p.WriteByte((byte)'R');
            foreach (var (name, tensor) in state)
            {
                string key = keys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                keys.Add(key);
                Text(p, "module." + name);
                Global(p, "torch._utils", "_rebuild_tensor_v2");
                p.WriteByte((byte)'(');
                p.WriteByte((byte)'(');
                Text(p, "storage");
                Global(p, "torch", tensor.dtype == ScalarType.Int64 ? "LongStorage" : "FloatStorage");
                Text(p, key); Text(p, "cpu"); Int(p, tensor.numel()); p.WriteByte((byte)'N');
                p.WriteByte((byte)'t'); p.WriteByte((byte)'Q'); // the persistent id tuple, BINPERSID
                Int(p, 0);
                Tuple(p, tensor.shape);
                Tuple(p, ContiguousStrides(tensor.shape));
                p.WriteByte(0x89); // requires_grad False
                Global(p, "collections", "OrderedDict"); p.WriteByte((byte)')'); p.WriteByte((byte)'R'); // backward hooks
                p.WriteByte((byte)'t'); p.WriteByte((byte)'R');
                p.WriteByte((byte)'s');
            }
            p.WriteByte((byte)'s');
            foreach (var (name, value) in extra ?? new Dictionary<string, object?>())
            {
                Text(p, name);
                Value(p, value);
                p.WriteByte((byte)'s');
            }
        });
        Pickle(file, p => { p.WriteByte((byte)']'); p.WriteByte((byte)'('); foreach (var key in keys) Text(p, key); p.WriteByte((byte)'e'); });
        var count = new byte[8];
        foreach (var tensor in state.Values)
        {
            using var contiguous = tensor.contiguous();
            BinaryPrimitives.WriteInt64LittleEndian(count, contiguous.numel());
            file.Write(count);
            file.Write(contiguous.bytes);
        }
        return file.ToArray();
    }

    static void Pickle(Stream file, Action<Stream> body)
    {
        file.WriteByte(0x80); file.WriteByte(2);
        body(file);
        file.WriteByte((byte)'.');
    }

    static void Text(Stream p, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        p.WriteByte((byte)'X');
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        p.Write(length); p.Write(bytes);
    }

    static void Value(Stream p, object? value)
    {
        switch (value)
        {
            case null: p.WriteByte((byte)'N'); break;
            case bool b: p.WriteByte(b ? (byte)0x88 : (byte)0x89); break;
            case string text: Text(p, text); break;
            case int or long: Int(p, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case double d:
                Span<byte> bytes = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleBigEndian(bytes, d);
                p.WriteByte((byte)'G'); p.Write(bytes);
                break;
            case IReadOnlyDictionary<string, object?> dict:
                p.WriteByte((byte)'}');
                foreach (var (k, v) in dict) { Text(p, k); Value(p, v); p.WriteByte((byte)'s'); }
                break;
            default: throw new ArgumentException($"no pickle for {value.GetType().Name}", nameof(value));
        }
    }

    static void Global(Stream p, string module, string name) => p.Write(Encoding.ASCII.GetBytes($"c{module}\n{name}\n"));

    static void Int(Stream p, long value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, checked((int)value));
        p.WriteByte((byte)'J'); p.Write(bytes);
    }

    static void Tuple(Stream p, long[] values)
    {
        p.WriteByte((byte)'(');
        foreach (long v in values) Int(p, v);
        p.WriteByte((byte)'t');
    }

    static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--) { strides[i] = stride; stride *= shape[i]; }
        return strides;
    }
}
