using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Legacy;

/// <summary>A storage named by a persistent id: its element type and declared element count, and (for a view that old
/// torch saved of a larger storage) the root it lies in and where. Its bytes follow the pickles, so tensors over it are
/// built only once they are read.</summary>
sealed class LegacyStorage(string key, ScalarType dtype, int elementSize, long numel, LegacyStorage? root = null, long offset = 0)
{
    public string Key { get; } = key;
    public ScalarType DType { get; } = dtype;
    public int ElementSize { get; } = elementSize;
    public long Numel { get; } = numel;
    /// <summary>The storage whose bytes the file holds (itself unless this is a view).</summary>
    public LegacyStorage Root => root ?? this;
    /// <summary>Elements before this storage's first in <see cref="Root"/>.</summary>
    public long Offset { get; } = offset;
    /// <summary>All the root's elements, once read (only on a root).</summary>
    public Tensor? Data { get; set; }

    /// <summary>torch's storage classes and the types they hold (their element size is what the file's counts are in).</summary>
    public static readonly IReadOnlyDictionary<string, (ScalarType Type, int Size)> Types = new Dictionary<string, (ScalarType, int)>(StringComparer.Ordinal)
    {
        ["torch.FloatStorage"] = (ScalarType.Float32, 4),
        ["torch.DoubleStorage"] = (ScalarType.Float64, 8),
        ["torch.HalfStorage"] = (ScalarType.Float16, 2),
        ["torch.BFloat16Storage"] = (ScalarType.BFloat16, 2),
        ["torch.LongStorage"] = (ScalarType.Int64, 8),
        ["torch.IntStorage"] = (ScalarType.Int32, 4),
        ["torch.ShortStorage"] = (ScalarType.Int16, 2),
        ["torch.CharStorage"] = (ScalarType.Int8, 1),
        ["torch.ByteStorage"] = (ScalarType.Byte, 1),
        ["torch.BoolStorage"] = (ScalarType.Bool, 1),
    };
}

/// <summary>A tensor as <c>_rebuild_tensor(_v2)</c> describes it, built once its storage is read.</summary>
sealed class LegacyTensor(LegacyStorage storage, long offset, long[] size, long[] stride)
{
    public LegacyStorage Storage { get; } = storage;
    public long Offset { get; } = offset;
    public long[] Size { get; } = size;
    public long[] Stride { get; } = stride;

    /// <summary>A view of the root storage's tensor, in place of torch's <c>set_(storage, offset, size, stride)</c>.</summary>
    public Tensor Build() => Storage.Root.Data!.as_strided(Size, Stride, Storage.Offset + Offset);
}
