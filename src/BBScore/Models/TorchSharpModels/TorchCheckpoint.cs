using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>Loads a <c>torch.save</c> file (zip format) into a network. Training scripts save more than
/// a bare state_dict: the dict holding the tensors is found under the usual keys (<c>state_dict</c>,
/// <c>model</c>, <c>model_state_dict</c>, <c>state</c>, <c>net</c>, nested too), and the prefixes added
/// by DataParallel (<c>module.</c>) and torch.compile (<c>_orig_mod.</c>) are removed from its keys.</summary>
public static class TorchCheckpoint
{
    static readonly string[] WrapperKeys = ["state_dict", "model", "model_state_dict", "state", "net", "network"];

    /// <summary>Where training scripts (timm, the scaling-laws code) keep the exponential moving average of the weights.</summary>
    static readonly string[] EmaKeys = ["model_ema", "state_dict_ema", "ema_state_dict", "ema", "model_ema_state_dict"];
    static readonly string[] KeyPrefixes = ["module.", "_orig_mod."];

    /// <summary>Copies the checkpoint's tensors into <paramref name="network"/>. Every parameter and
    /// buffer of the network must be in the file with its shape, and the file must hold nothing else
    /// (as <c>load_state_dict(strict=True)</c>): a partial load would silently leave random weights.</summary>
    /// <param name="ema">Load the EMA weights (the original does for its deit/convnext scaling models); a
    /// checkpoint without them fails rather than silently giving the raw weights.</param>
    public static void LoadInto(nn.Module network, string path, bool ema = false)
    {
        TorchCheckpointScan.Check(path);
        using var stream = File.OpenRead(path);
        Hashtable root;
        // The scan leaves what only the unpickler sees: storages shorter than their tensors, objects built from the
        // wrong arguments, a declared size past memory. PyBridge, Razorvine and libtorch report those with a dozen
        // exception types; each means this file cannot be read, so all are one refusal naming it.
        try { root = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: false, skipTensorRead: false); }
        catch (Exception e) when (e is not InvalidDataException and not FileNotFoundException and not UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path} is not a readable torch.save checkpoint (zip format): {e.GetType().Name}: {FirstLine(e.Message)}", e);
        }
        string[] keys = ema ? EmaKeys : WrapperKeys;
        var state = (ema ? EmaStateDict(root) : StateDict(root)) ?? throw new InvalidDataException(
            $"{path} holds no {(ema ? "EMA " : "")}state_dict: top-level keys are {string.Join(", ", root.Keys.Cast<object>())}, " +
            $"and none of {string.Join(", ", keys)} leads to a dict of tensors.");
        Load(network, state, path);
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

    static void Load(nn.Module network, Hashtable state, string path)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var expected = network.state_dict();
        foreach (DictionaryEntry entry in state)
        {
            string name = entry.Key is string key ? StripPrefixes(key)
                : throw new InvalidDataException($"{path}: the state_dict has a key of type {entry.Key.GetType().Name} ({entry.Key}); its keys must be parameter names.");
            var tensor = (Tensor)entry.Value!;
            // PyBridge reads a 0-dim tensor (BatchNorm's num_batches_tracked) as shape [1].
            if (expected.TryGetValue(name, out var target) && target.dim() == 0 && tensor.numel() == 1) tensor = tensor.reshape([]);
            tensors[name] = tensor;
        }
        StateDictFit.Require(path, expected.ToDictionary(e => e.Key, e => e.Value.shape), tensors.ToDictionary(e => e.Key, e => e.Value.shape));
        using var noGrad = no_grad();
        foreach (var (name, target) in expected)
        {
            using var source = tensors[name].to(target.dtype);
            target.copy_(source);
        }
        foreach (var tensor in tensors.Values) tensor.Dispose();
    }

    /// <summary>libtorch appends its C++ trace to the message.</summary>
    static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
