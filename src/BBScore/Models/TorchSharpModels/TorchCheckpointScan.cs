using System.IO.Compression;
using BBScore.Formats;
using BBScore.Formats.Pickles;

namespace BBScore.Models.TorchSharpModels;

/// <summary>Checks a torch.save file before TorchSharp.PyBridge unpickles it: a zip holding one
/// <c>…/data.pkl</c> of bounded size whose opcodes are complete and whose globals are those a state dict needs
/// (what <c>torch.load(weights_only=True)</c> admits, plus the argparse options training scripts store next to
/// the weights). PyBridge itself trusts the pickle: a foreign global, a truncated opcode or a length past
/// the end surfaces from it as one of a dozen exception types, some after large allocations.</summary>
static class TorchCheckpointScan
{
    /// <summary>data.pkl holds only the dict's structure (the tensors are separate members): a few MB at most.</summary>
    const long MaxPickleBytes = 256L << 20;

    internal static readonly HashSet<string> AllowedGlobals = new(StringComparer.Ordinal)
    {
        "collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state", "torch.Size", "torch.device",
        "torch.FloatStorage", "torch.DoubleStorage", "torch.HalfStorage", "torch.BFloat16Storage", "torch.LongStorage",
        "torch.IntStorage", "torch.ShortStorage", "torch.CharStorage", "torch.ByteStorage", "torch.BoolStorage",
        // Training scripts store their options beside the weights; PyBridge reads it as a plain dict.
        "argparse.Namespace",
    };

    internal const string AllowedDescription = "tensors and their storages, OrderedDict, torch.Size and torch.device, argparse.Namespace; " +
        "re-save the weights alone with torch.save(model.state_dict(), path)";

    /// <summary>torch's legacy serialisation (read by <see cref="Legacy.LegacyTorchFile"/>) opens with a pickled magic number, 0x1950a86a20f9469cfc6c, as a 10-byte
    /// little-endian LONG1 (after the PROTO opcode, and for protocol 4 a FRAME header).</summary>
    static readonly byte[] LegacyMagic = [0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

    internal static bool IsLegacyFormat(string path)
    {
        var head = new byte[32];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return read > 0 && head[0] == 0x80 && head.AsSpan(0, read).IndexOf(LegacyMagic) >= 0;
    }

    public static void Check(string path)
    {
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(path); }
        catch (InvalidDataException e)
        {
            Legacy.LegacyTorchFile.RefuseTar(path);
            throw new InvalidDataException($"{path} is not a torch.save checkpoint: neither a zip (torch 1.6 and later) nor the legacy format ({e.Message}).", e);
        }
        using (zip)
        {
            var pickles = zip.Entries.Where(e => e.FullName == "data.pkl" || e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal)).ToList();
            if (pickles.Count != 1)
                throw new InvalidDataException($"{path}: a torch.save checkpoint holds one data.pkl; this zip holds {pickles.Count}.");
            var entry = pickles[0];
            string source = $"{path}:{entry.FullName}";
            long limit = Math.Min(MaxPickleBytes, new FileInfo(path).Length * ReadLimits.MaxDeflateRatio);
            if (entry.Length > limit)
                throw new InvalidDataException($"{source}: declares {entry.Length} bytes, more than the checkpoint can hold (at most {limit}).");
            byte[] data;
            using (var stream = entry.Open()) data = BoundedCopy.ToArray(stream, limit, source, "a checkpoint's data.pkl");
            PickleGlobalScanner.Check(data, source, AllowedGlobals, persistentIds: true, AllowedDescription);
        }
    }
}
