using System.Buffers.Binary;
using System.Collections;
using System.Numerics;
using BBScore.Formats;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Legacy;

/// <summary>Reads torch's legacy <c>torch.save</c> format (torch before 1.6, or <c>_use_new_zipfile_serialization=False</c>;
/// the format of most checkpoints published 2017–2019): consecutive pickles of the magic number, the protocol version
/// 1001 and a system-info dict, then the saved object, whose tensors name their storages by persistent id
/// <c>('storage', type, key, location, numel, view)</c>, then the list of storage keys; then, in that list's order, each
/// storage as an 8-byte little-endian element count and its bytes. Gives the object as the zip path does: dicts as
/// <see cref="Hashtable"/>, tensors as TorchSharp tensors.</summary>
static class LegacyTorchFile
{
    static readonly BigInteger MagicNumber = BigInteger.Parse("119547037146038801333356", System.Globalization.CultureInfo.InvariantCulture); // 0x1950a86a20f9469cfc6c
    const long ProtocolVersion = 1001;
    const int MaxDims = 64;

    /// <summary>The globals the saved object may name: the zip format's (<see cref="TorchCheckpointScan.AllowedGlobals"/>),
    /// plus <c>_rebuild_tensor</c>, which torch before 0.4 wrote.</summary>
    static readonly HashSet<string> Allowed = new(TorchCheckpointScan.AllowedGlobals.Append("torch._utils._rebuild_tensor"), StringComparer.Ordinal);

    /// <summary>The header pickles (magic, version, sys_info) and the key list name no globals.</summary>
    static readonly HashSet<string> NoGlobals = [];

    public static object? Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        object? Header(string what) => new LegacyPickleMachine(stream, path, NoGlobals, "no globals in the " + what, (_, _) => null, null).Run();

        if (Header("magic number") is not BigInteger magic || magic != MagicNumber)
            throw new InvalidDataException($"{path} is not a torch.save file: it does not open with torch's magic number.");
        if (Header("protocol version") is not long version || version != ProtocolVersion)
            throw new InvalidDataException($"{path}: a legacy torch.save file of an unknown protocol version (torch writes {ProtocolVersion}).");
        if (Header("system information") is Hashtable info && info["little_endian"] is false)
            throw new InvalidDataException($"{path} was saved on a big-endian machine, whose storages BBScore.NET does not read; re-save it on a little-endian one.");

        var storages = new Dictionary<string, LegacyStorage>(StringComparer.Ordinal);
        var tensors = new List<LegacyTensor>();
        var root = new LegacyPickleMachine(stream, path, Allowed, TorchCheckpointScan.AllowedDescription,
            (global, args) => Call(global, args, path, tensors), pid => Storage(pid, path, storages)).Run();
        if (Header("storage key list") is not List<object?> keys)
            throw new InvalidDataException($"{path}: the list of storage keys after the saved object is missing (a corrupt legacy torch.save file).");
        try
        {
            ReadStorages(stream, path, keys, storages);
            var built = new Dictionary<LegacyTensor, Tensor>(ReferenceEqualityComparer.Instance);
            foreach (var tensor in tensors) built.TryAdd(tensor, tensor.Build());
            if (root is LegacyTensor single) return built[single]; // torch.save(tensor)
            Replace(root, built);
            return root;
        }
        finally
        {
            // The tensors hold their storages; the handles of the whole storages are not needed any more.
            foreach (var storage in storages.Values) storage.Data?.Dispose();
        }
    }

    /// <summary>torch's first format (before 0.1.10, 2017) was a tar of 'storages', 'tensors' and 'pickle' members.</summary>
    internal static void RefuseTar(string path)
    {
        using var stream = File.OpenRead(path);
        var header = new byte[262];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.AsSpan(257, 5).SequenceEqual("ustar"u8))
            throw new InvalidDataException($"{path} is a torch.save file in torch's first format (a tar archive, torch before 0.1.10), which BBScore.NET " +
                "does not read; re-save it with a current torch (torch.save(torch.load(path), path)).");
    }

    static object? Storage(object? pid, string path, Dictionary<string, LegacyStorage> storages)
    {
        if (pid is not object?[] { Length: >= 5 } id || id[0] is not string kind)
            throw new InvalidDataException($"{path}: a persistent id that is not a storage reference (a corrupt legacy torch.save file).");
        if (kind != "storage")
            throw new InvalidDataException($"{path}: the file pickles a whole '{kind}' (a model object, not a state dict), which BBScore.NET does not read; " +
                "re-save the weights alone with torch.save(model.state_dict(), path).");
        if (id[1] is not PickleGlobal type || !LegacyStorage.Types.TryGetValue(type.FullName, out var element))
            throw new InvalidDataException($"{path}: a storage of type {LegacyPickleMachine.Describe(id[1])}, which is not a tensor storage type.");
        if (id[2] is not string key || id[4] is not long numel || numel < 0)
            throw new InvalidDataException($"{path}: a storage reference without a key and an element count (a corrupt legacy torch.save file).");
        if (!storages.TryGetValue(key, out var storage))
            storages[key] = storage = new LegacyStorage(key, element.Type, element.Size, numel);
        if (storage.DType != element.Type || storage.Numel != numel)
            throw new InvalidDataException($"{path}: storage '{key}' is referred to with two types or sizes.");
        if (id.Length < 6 || id[5] is null) return storage;
        // torch before 1.0 saved views of storages: (view key, offset, size), in elements of the root.
        if (id[5] is not object?[] { Length: 3 } view || view[0] is not string viewKey || view[1] is not long offset || view[2] is not long viewSize
            || offset < 0 || viewSize < 0 || offset > numel - viewSize)
            throw new InvalidDataException($"{path}: a storage view outside storage '{key}' (a corrupt legacy torch.save file).");
        if (!storages.TryGetValue(viewKey, out var existing))
            storages[viewKey] = existing = new LegacyStorage(viewKey, element.Type, element.Size, viewSize, storage, offset);
        if (existing.Root != storage || existing.Offset != offset || existing.Numel != viewSize)
            throw new InvalidDataException($"{path}: storage view '{viewKey}' is referred to with two meanings.");
        return existing;
    }

    static object? Call(PickleGlobal global, object?[] args, string path, List<LegacyTensor> tensors)
    {
        switch (global.FullName)
        {
            case "torch._utils._rebuild_tensor_v2" or "torch._utils._rebuild_tensor" when args.Length >= 4:
                var tensor = TensorOf(args, path);
                tensors.Add(tensor);
                return tensor;
            // A Parameter pickles as its data; requires_grad and hooks mean nothing for inference.
            case "torch._utils._rebuild_parameter" or "torch._utils._rebuild_parameter_with_state" when args.Length >= 1:
                return args[0];
            case "collections.OrderedDict":
                var dict = new Hashtable();
                // Python 2's OrderedDict pickles its items as an argument: ([[key, value], ...],).
                if (args is [List<object?> items])
                    foreach (var item in items)
                    {
                        if (item is not (List<object?> or object?[]) || Pair(item) is not ({ } k, var v))
                            throw new InvalidDataException($"{path}: an OrderedDict item that is not a key and a value (a corrupt legacy torch.save file).");
                        dict[k] = v;
                    }
                else if (args.Length != 0)
                    throw new InvalidDataException($"{path}: OrderedDict built from {args.Length} arguments (a corrupt legacy torch.save file).");
                return dict;
            case "torch.Size" when args is [object?[] dims]:
                return dims;
            case "torch.device" when args.Length >= 1 && args[0] is string device:
                return device;
            case "argparse.Namespace" when args.Length == 0:
                return new PickleObject(global.FullName);
            default:
                throw new InvalidDataException($"{path}: {global.FullName} is called with {args.Length} arguments it does not take (a corrupt legacy torch.save file).");
        }
    }

    static (object?, object?) Pair(object item) => item switch
    {
        List<object?> { Count: 2 } l => (l[0], l[1]),
        object?[] { Length: 2 } t => (t[0], t[1]),
        _ => (null, null),
    };

    /// <summary>(storage, offset, size, stride, ...): refused unless every element it covers lies in the storage.</summary>
    static LegacyTensor TensorOf(object?[] args, string path)
    {
        if (args[0] is not LegacyStorage storage)
            throw new InvalidDataException($"{path}: a tensor whose storage is a {LegacyPickleMachine.Describe(args[0])} (a corrupt legacy torch.save file).");
        long[] size = Dims(args[2], path), stride = Dims(args[3], path);
        if (args[1] is not long offset || offset < 0 || size.Length != stride.Length || size.Length > MaxDims)
            throw new InvalidDataException($"{path}: a tensor with a malformed offset, size or stride (a corrupt legacy torch.save file).");
        long count = ReadLimits.ElementCount(size, path);
        long last = offset; // the furthest element the tensor reaches
        if (count > 0)
            for (int i = 0; i < size.Length; i++)
            {
                if (stride[i] < 0 || (size[i] > 1 && stride[i] > (long.MaxValue - last) / (size[i] - 1)))
                    throw new InvalidDataException($"{path}: a tensor with a stride past any storage (a corrupt legacy torch.save file).");
                last += (size[i] - 1) * stride[i];
            }
        if (count > 0 && last >= storage.Numel)
            throw new InvalidDataException($"{path}: a tensor of shape [{string.Join(",", size)}] reaches element {last} of storage '{storage.Key}', which holds {storage.Numel}.");
        return new LegacyTensor(storage, offset, size, stride);
    }

    static long[] Dims(object? value, string path) => value is object?[] dims && dims.All(d => d is long)
        ? dims.Select(d => (long)d!).ToArray()
        : throw new InvalidDataException($"{path}: a tensor size or stride that is not a tuple of integers (a corrupt legacy torch.save file).");

    /// <summary>The storages' bytes, each an element count that must equal its declared one, bounded by what the file holds.</summary>
    static void ReadStorages(Stream stream, string path, List<object?> keys, Dictionary<string, LegacyStorage> storages)
    {
        var count = new byte[8];
        foreach (var key in keys)
        {
            if (key is not string name || !storages.TryGetValue(name, out var storage) || storage.Root != storage || storage.Data is not null)
                throw new InvalidDataException($"{path}: the storage list names '{key}', which no tensor refers to (or twice; a corrupt legacy torch.save file).");
            if (stream.ReadAtLeast(count, 8, throwOnEndOfStream: false) != 8)
                throw new InvalidDataException($"{path}: the file ends before storage '{name}' (truncated).");
            long numel = BinaryPrimitives.ReadInt64LittleEndian(count);
            if (numel != storage.Numel)
                throw new InvalidDataException($"{path}: storage '{name}' holds {numel} values where its reference declares {storage.Numel} (a corrupt legacy torch.save file).");
            ReadLimits.RequireBytes(numel, storage.ElementSize, ReadLimits.Remaining(stream), path, $"storage '{name}'");
            ReadLimits.RequireArrayLength(numel * storage.ElementSize, path, $"storage '{name}' (in bytes)");
            storage.Data = empty([numel], storage.DType);
            stream.ReadExactly(storage.Data.bytes);
        }
        var unread = storages.Values.FirstOrDefault(s => s.Root.Data is null);
        if (unread is not null)
            throw new InvalidDataException($"{path}: storage '{unread.Root.Key}' is referred to but not in the file's storage list (a corrupt legacy torch.save file).");
    }

    /// <summary>Puts the built tensors where their descriptions were, through every container (iteratively: memo
    /// references make the object a graph, which may contain itself).</summary>
    static void Replace(object? root, Dictionary<LegacyTensor, Tensor> built)
    {
        var pending = new Stack<object>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        if (root is not null) pending.Push(root);
        object? Swap(object? value)
        {
            if (value is LegacyTensor t) return built[t];
            if (value is Hashtable or List<object?> or object?[] or PickleObject && seen.Add(value)) pending.Push(value);
            return value;
        }
        seen.Add(root!);
        while (pending.Count > 0)
            switch (pending.Pop())
            {
                case Hashtable dict:
                    foreach (var key in dict.Keys.Cast<object>().ToList()) dict[key] = Swap(dict[key]);
                    break;
                case List<object?> list:
                    for (int i = 0; i < list.Count; i++) list[i] = Swap(list[i]);
                    break;
                case object?[] tuple:
                    for (int i = 0; i < tuple.Length; i++) tuple[i] = Swap(tuple[i]);
                    break;
                case PickleObject obj:
                    foreach (var key in obj.Attributes.Keys.Cast<object>().ToList()) obj.Attributes[key] = Swap(obj.Attributes[key]);
                    break;
            }
    }
}
