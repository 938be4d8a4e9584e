using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>Loads a <c>torch.save</c> file (zip format, or the legacy format of torch before 1.6) into a network. Training scripts save more than
/// a bare state_dict: the dict holding the tensors is found under the usual keys (<c>state_dict</c>,
/// <c>model</c>, <c>model_state_dict</c>, <c>state</c>, <c>net</c>, nested too), and the prefixes added
/// by DataParallel (<c>module.</c>) and torch.compile (<c>_orig_mod.</c>) are removed from its keys.</summary>
public static class TorchCheckpoint
{
    /// <summary>Where training scripts keep the weights; <c>encoder</c> is V-JEPA's (beside its predictor, target encoder
    /// and optimiser state), looked at last.</summary>
    static readonly string[] WrapperKeys = ["state_dict", "model", "model_state_dict", "state", "net", "network", "encoder"];

    /// <summary>Where training scripts (timm, the scaling-laws code) keep the exponential moving average of the weights.</summary>
    static readonly string[] EmaKeys = ["model_ema", "state_dict_ema", "ema_state_dict", "ema", "model_ema_state_dict"];
    static readonly string[] KeyPrefixes = ["module.", "_orig_mod."];

    /// <summary>Copies the checkpoint's tensors into <paramref name="network"/>. Every parameter and
    /// buffer of the network must be in the file with its shape, and the file must hold nothing else
    /// (as <c>load_state_dict(strict=True)</c>) but what <paramref name="keys"/> lists as ignored: a partial load
    /// would silently leave random weights.</summary>
    /// <param name="ema">Load the EMA weights (the original does for its deit/convnext scaling models); a
    /// checkpoint without them fails rather than silently giving the raw weights.</param>
    /// <param name="keys">Renames the file's keys to the network's (the wrapper prefixes are always removed).</param>
    public static void LoadInto(nn.Module network, string path, bool ema = false, StateDictKeyMap? keys = null) =>
        LoadInto(network, [path], keys, ema);

    /// <summary>The same over the shards of one checkpoint (<c>pytorch_model-0000N-of-0000M.bin</c>), which together
    /// hold the state dict.</summary>
    public static void LoadInto(nn.Module network, IReadOnlyList<string> paths, StateDictKeyMap? keys = null, bool ema = false) =>
        LoadInto(network, paths.Select(p => (p, ReadStateDict(p, ema))).ToList(), keys);

    /// <summary>The same from state dicts already read (<see cref="ReadStateDict"/>); their tensors are disposed.</summary>
    public static void LoadInto(nn.Module network, IReadOnlyList<(string Path, Hashtable State)> tables, StateDictKeyMap? keys = null)
    {
        try { Load(network, tables, keys ?? StateDictKeyMap.Identity); }
        finally
        {
            foreach (var (_, state) in tables)
                foreach (var tensor in state.Values.OfType<Tensor>()) tensor.Dispose();
        }
    }

    /// <summary>The dict of tensors a torch.save file holds (under its wrapper keys); refuses a file that is not one.</summary>
    public static Hashtable ReadStateDict(string path, bool ema = false) => StateDictIn(ReadRoot(path), path, ema);

    /// <summary>The dict a torch.save file holds at its top: a bare state dict, or the training script's dict around one
    /// (for what besides the weights decides the architecture, such as VOneNet's training flags).</summary>
    public static Hashtable ReadRoot(string path) => TorchCheckpointScan.IsLegacyFormat(path) ? LegacyRoot(path) : ZipRoot(path);

    /// <summary>The dict of tensors in <paramref name="root"/>, read from <paramref name="path"/> (<see cref="ReadRoot"/>),
    /// as <see cref="ReadStateDict"/> finds it.</summary>
    public static Hashtable StateDictIn(Hashtable root, string path, bool ema = false)
    {
        string[] wrappers = ema ? EmaKeys : WrapperKeys;
        return (ema ? EmaStateDict(root) : StateDict(root)) ?? throw new InvalidDataException(
            $"{path} holds no {(ema ? "EMA " : "")}state_dict: top-level keys are {string.Join(", ", root.Keys.Cast<object>())}, " +
            $"and none of {string.Join(", ", wrappers)} leads to a dict of tensors.");
    }

    /// <summary>A file in torch's legacy format (torch before 1.6; most checkpoints published before 2020).</summary>
    static Hashtable LegacyRoot(string path) => Legacy.LegacyTorchFile.Read(path) as Hashtable
        ?? throw new InvalidDataException($"{path}: the legacy torch.save file holds no dict (a state_dict, or a dict wrapping one); re-save the weights with torch.save(model.state_dict(), path).");

    static Hashtable ZipRoot(string path)
    {
        TorchCheckpointScan.Check(path);
        using var stream = File.OpenRead(path);
        // The scan leaves what only the unpickler sees: storages shorter than their tensors, objects built from the
        // wrong arguments, a declared size past memory. PyBridge, Razorvine and libtorch report those with a dozen
        // exception types; each means this file cannot be read, so all are one refusal naming it.
        Hashtable? root;
        try { root = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: false, skipTensorRead: false); }
        catch (Exception e) when (e is not InvalidDataException and not FileNotFoundException and not UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path} is not a readable torch.save checkpoint (zip format): {e.GetType().Name}: {FirstLine(e.Message)}", e);
        }
        // A pickle of None (or of nothing the unpickler can turn into a dict) comes back as null.
        return root ?? throw new InvalidDataException($"{path}: the torch.save file holds no dict (a state_dict, or a dict wrapping one); re-save the weights with torch.save(model.state_dict(), path).");
    }

    /// <summary>The dict of tensors: <paramref name="table"/> itself when all its values are tensors, else
    /// the first wrapper key that leads to one.</summary>
    static Hashtable? StateDict(Hashtable table, int depth = 0)
    {
        if (table.Count > 0 && table.Values.Cast<object?>().All(v => v is Tensor)) return table;
        if (depth >= Formats.ReadLimits.MaxNestingDepth) return null; // a dict that contains itself
        foreach (string key in WrapperKeys)
            if (table[key] is Hashtable inner && StateDict(inner, depth + 1) is { } found) return found;
        return null;
    }

    static Hashtable? EmaStateDict(Hashtable table)
    {
        foreach (string key in EmaKeys)
            if (table[key] is Hashtable inner && StateDict(inner) is { } found) return found;
        return null;
    }

    public static string StripPrefixes(string key)
    {
        bool stripped;
        do
        {
            stripped = false;
            foreach (string prefix in KeyPrefixes)
                if (key.StartsWith(prefix, StringComparison.Ordinal)) { key = key[prefix.Length..]; stripped = true; }
        } while (stripped);
        return key;
    }

    static void Load(nn.Module network, IReadOnlyList<(string Path, Hashtable State)> tables, StateDictKeyMap keys)
    {
        string where = tables.Count == 1 ? tables[0].Path : $"{tables[0].Path} (and {tables.Count - 1} more shards)";
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var expected = network.state_dict();
        foreach (var (path, state) in tables)
            foreach (DictionaryEntry entry in state)
            {
                string fileKey = entry.Key as string
                    ?? throw new InvalidDataException($"{path}: the state_dict has a key of type {entry.Key.GetType().Name} ({entry.Key}); its keys must be parameter names.");
                if (keys.IsIgnored(fileKey)) continue;
                string name = keys.Map(fileKey);
                var tensor = (Tensor)entry.Value!;
                // PyBridge reads a 0-dim tensor (BatchNorm's num_batches_tracked) as shape [1].
                if (expected.TryGetValue(name, out var target) && target.dim() == 0 && tensor.numel() == 1) tensor = tensor.reshape([]);
                if (!tensors.TryAdd(name, tensor))
                    throw new InvalidDataException($"{path}: two tensors map to '{name}'; the key map is ambiguous for this checkpoint, or two shards hold the same tensor.");
            }
        StateDictFit.Require(where, expected.ToDictionary(e => e.Key, e => e.Value.shape), tensors.ToDictionary(e => e.Key, e => e.Value.shape));
        using var noGrad = no_grad();
        foreach (var (name, target) in expected)
        {
            using var source = tensors[name].to(target.dtype);
            target.copy_(source);
        }
    }

    /// <summary>libtorch appends its C++ trace to the message.</summary>
    static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
