using BBScore.Formats.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>Loads a safetensors state dict (Hugging Face's <c>model.safetensors</c>) into a network, with the
/// strict semantics of <see cref="TorchCheckpoint"/> (<see cref="StateDictFit"/>): every parameter and buffer of
/// the network is in the file with its shape, and every tensor of the file is used, unless the key map lists it
/// as ignored. Keys are renamed by a <see cref="StateDictKeyMap"/>. Each tensor is copied once, from the file's
/// mapping into the parameter's storage, converted to the parameter's dtype (F16/BF16 to float32 directly).</summary>
public static class SafetensorsCheckpoint
{
    public static void LoadInto(nn.Module network, string path, StateDictKeyMap? keys = null)
    {
        using var file = SafetensorsFile.Open(path);
        LoadInto(network, file, keys);
    }

    /// <summary>The same from a file already open (and so already checked).</summary>
    public static void LoadInto(nn.Module network, SafetensorsFile file, StateDictKeyMap? keys = null)
    {
        keys ??= StateDictKeyMap.Identity;
        string path = file.Path;
        var sources = new Dictionary<string, SafetensorsTensorInfo>(StringComparer.Ordinal);
        foreach (var tensor in file.Tensors)
        {
            if (keys.IsIgnored(tensor.Name)) continue;
            string name = keys.Map(tensor.Name);
            if (!sources.TryAdd(name, tensor))
                throw new InvalidDataException($"{path}: the tensors '{sources[name].Name}' and '{tensor.Name}' both map to '{name}'; the key map is ambiguous for this file.");
        }
        var expected = network.state_dict();
        StateDictFit.Require(path, expected.ToDictionary(e => e.Key, e => e.Value.shape), sources.ToDictionary(e => e.Key, e => e.Value.Shape));
        foreach (var (name, target) in expected) file.CopyInto(sources[name].Name, target);
    }
}
