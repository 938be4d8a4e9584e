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

    static readonly HashSet<string> AllowedGlobals = new(StringComparer.Ordinal)
    {
        "collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state", "torch.Size", "torch.device",
        "torch.FloatStorage", "torch.DoubleStorage", "torch.HalfStorage", "torch.BFloat16Storage", "torch.LongStorage",
        "torch.IntStorage", "torch.ShortStorage", "torch.CharStorage", "torch.ByteStorage", "torch.BoolStorage",
        // Training scripts store their options beside the weights; PyBridge reads it as a plain dict.
        "argparse.Namespace",
    };

    const string AllowedDescription = "tensors and their storages, OrderedDict, torch.Size and torch.device, argparse.Namespace; " +
        "re-save the weights alone with torch.save(model.state_dict(), path)";

    public static void Check(string path)
    {
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(path); }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path} is not a torch.save checkpoint in zip format ({e.Message}); files written by torch older than 1.6 " +
                "(or with _use_new_zipfile_serialization=False) must be re-saved with a current torch.", e);
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
