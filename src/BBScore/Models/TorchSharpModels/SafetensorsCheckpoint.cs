using BBScore.Formats.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>Loads a safetensors state dict (Hugging Face's <c>model.safetensors</c>, or the shards of a sharded
/// checkpoint) into a network, with the strict semantics of <see cref="TorchCheckpoint"/> (<see cref="StateDictFit"/>):
/// every parameter and buffer of the network is in the files with its shape, and every tensor of the files is used,
/// unless the key map lists it as ignored. Keys are renamed by a <see cref="StateDictKeyMap"/>. Each tensor is copied
/// once, from the file's mapping into the parameter's storage, converted to the parameter's dtype (F16/BF16 to
/// float32 directly).</summary>
public static class SafetensorsCheckpoint
{
    public static void LoadInto(nn.Module network, string path, StateDictKeyMap? keys = null)
    {
        using var file = SafetensorsFile.Open(path);
        LoadInto(network, [file], keys);
    }

    /// <summary>The same from files already open (and so already checked): one file, or every shard.</summary>
    public static void LoadInto(nn.Module network, IReadOnlyList<SafetensorsFile> files, StateDictKeyMap? keys = null)
    {
        keys ??= StateDictKeyMap.Identity;
        string path = files.Count == 1 ? files[0].Path : $"{files[0].Path} (and {files.Count - 1} more shards)";
        var sources = new Dictionary<string, (SafetensorsFile File, SafetensorsTensorInfo Tensor)>(StringComparer.Ordinal);
        foreach (var file in files)
            foreach (var tensor in file.Tensors)
            {
                if (keys.IsIgnored(tensor.Name)) continue;
                string name = keys.Map(tensor.Name);
                if (!sources.TryAdd(name, (file, tensor)))
                    throw new InvalidDataException(
                        $"{file.Path}: the tensors '{sources[name].Tensor.Name}' ({sources[name].File.Path}) and '{tensor.Name}' both map to '{name}'; " +
                        "the key map is ambiguous for this checkpoint, or two shards hold the same tensor.");
            }
        var expected = network.state_dict();
        StateDictFit.Require(path, expected.ToDictionary(e => e.Key, e => e.Value.shape), sources.ToDictionary(e => e.Key, e => e.Value.Tensor.Shape));
        foreach (var (name, target) in expected) sources[name].File.CopyInto(sources[name].Tensor.Name, target);
    }
}
