using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Formats.Safetensors;

/// <summary>A safetensors file (Hugging Face's <c>model.safetensors</c>): an 8-byte little-endian header
/// length N, N bytes of UTF-8 JSON describing the tensors (<see cref="SafetensorsHeader"/>), then the data
/// buffer. The file is memory-mapped: opening it reads and checks only the header, and a tensor's bytes are
/// copied once, when it is asked for, straight from the mapping into the tensor's storage.
/// <para>Every problem of the file is an <see cref="InvalidDataException"/> naming it. Everything allocated is
/// bounded by the file: the header by its length and <see cref="ReadLimits.MaxSafetensorsHeaderBytes"/>, each
/// tensor by the bytes its checked offsets cover.</para>
/// <para>Types: <see cref="ReadTensor"/> keeps the file's dtype unless asked for another (F16 and BF16 stay
/// half precision, as the file has them); <see cref="CopyInto"/> converts to the target's dtype (so a half
/// precision checkpoint loads into a float32 network); <see cref="ReadFloat32"/> converts every type.</para>
/// Dispose it to unmap the file; tensors read from it own their memory and outlive it.</summary>
public sealed unsafe class SafetensorsFile : IDisposable
{
    public string Path { get; }

    /// <summary>Size of the whole file in bytes.</summary>
    public long Length { get; }

    readonly SafetensorsHeader _header;
    readonly Dictionary<string, SafetensorsTensorInfo> _byName;
    readonly MemoryMappedFile _map;
    readonly MemoryMappedViewAccessor _view;
    byte* _base;
    readonly long _bufferStart;

    /// <summary>The tensors in the order their bytes lie in the file.</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors => _header.Tensors;

    /// <summary>The header's <c>__metadata__</c> (empty when it has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata => _header.Metadata;

    SafetensorsFile(string path, long length, MemoryMappedFile map, MemoryMappedViewAccessor view, byte* pointer, int headerLength)
    {
        Path = path;
        Length = length;
        _map = map;
        _view = view;
        _base = pointer;
        _bufferStart = 8L + headerLength;
        _header = SafetensorsHeader.Parse(new ReadOnlySpan<byte>(pointer + 8, headerLength), length - _bufferStart, path);
        _byName = _header.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>Maps <paramref name="path"/> and checks its header.</summary>
    public static SafetensorsFile Open(string path)
    {
        // Shared for reading and deletion, so that a refused file can be moved aside (DamagedDataFile) while mapped.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        MemoryMappedFile? map = null;
        MemoryMappedViewAccessor? view = null;
        bool acquired = false;
        try
        {
            long length = stream.Length;
            if (length < 8) throw SafetensorsHeader.Refuse(path, $"the file has {length} bytes, fewer than the 8 of the header length");
            Span<byte> prefix = stackalloc byte[8];
            stream.ReadExactly(prefix);
            ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (declared > (ulong)(length - 8))
                throw SafetensorsHeader.Refuse(path, $"the header length {declared} runs past the end of the file ({length} bytes; truncated?)");
            if (declared > ReadLimits.MaxSafetensorsHeaderBytes)
                throw SafetensorsHeader.Refuse(path, $"the header length {declared} is over the limit of {ReadLimits.MaxSafetensorsHeaderBytes} bytes");
            if (declared < 2) throw SafetensorsHeader.Refuse(path, $"the header length {declared} is too short for a JSON object");
            map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            acquired = true;
            return new SafetensorsFile(path, length, map, view, pointer + view.PointerOffset, (int)declared);
        }
        catch
        {
            if (acquired) view!.SafeMemoryMappedViewHandle.ReleasePointer();
            view?.Dispose();
            if (map is null) stream.Dispose();
            else map.Dispose();
            throw;
        }
    }

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The named tensor's entry; a name the file lacks is a <see cref="KeyNotFoundException"/> listing a few it has.</summary>
    public SafetensorsTensorInfo Info(string name) => _byName.TryGetValue(name, out var info) ? info
        : throw new KeyNotFoundException($"{Path} has no tensor '{name}' (it has {string.Join(", ", _byName.Keys.Take(8))}{(_byName.Count > 8 ? $" and {_byName.Count - 8} more" : "")}).");

    /// <summary>The tensor's bytes in the mapping (valid until <see cref="Dispose"/>), at most
    /// <see cref="int.MaxValue"/> of them from <paramref name="offset"/>.</summary>
    ReadOnlySpan<byte> Bytes(SafetensorsTensorInfo info, long offset, int count)
    {
        ObjectDisposedException.ThrowIf(_base is null, this);
        if (offset < 0 || count < 0 || offset + count > info.ByteLength) throw new ArgumentOutOfRangeException(nameof(offset));
        return new ReadOnlySpan<byte>(_base + _bufferStart + info.Begin + offset, count);
    }

    /// <summary>A new CPU tensor holding the named tensor, in the file's dtype or in <paramref name="dtype"/>
    /// (converted as <c>Tensor.to</c> converts). It owns its memory.</summary>
    public Tensor ReadTensor(string name, ScalarType? dtype = null)
    {
        var info = Info(name);
        var tensor = empty(info.Shape, dtype ?? info.DType.ToScalarType());
        try
        {
            CopyInto(info, tensor);
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    /// <summary>The named tensor's values as float32, in C order, whatever the file's dtype.</summary>
    public float[] ReadFloat32(string name)
    {
        var info = Info(name);
        var values = new float[ReadLimits.RequireArrayLength(info.ElementCount, Path, $"tensor '{name}'")];
        if (values.Length == 0) return values;
        using var tensor = ReadTensor(name, ScalarType.Float32);
        using var flat = tensor.view(-1);
        for (int start = 0; start < values.Length; start += ChunkElements)
        {
            int count = Math.Min(ChunkElements, values.Length - start);
            using var slice = flat.narrow(0, start, count); // a span holds at most int.MaxValue bytes
            MemoryMarshal.Cast<byte, float>(slice.bytes).CopyTo(values.AsSpan(start));
        }
        return values;
    }

    /// <summary>Copies the named tensor into <paramref name="target"/>, which must have its shape; the values are
    /// converted to the target's dtype and device. A contiguous CPU target is written straight from the mapping
    /// (through a chunk-sized native buffer when the dtypes differ); any other target (CUDA, a strided view) goes
    /// through one CPU tensor of the file's dtype and <c>copy_</c>. No managed array is involved.</summary>
    public void CopyInto(string name, Tensor target) => CopyInto(Info(name), target);

    void CopyInto(SafetensorsTensorInfo info, Tensor target)
    {
        if (!target.shape.SequenceEqual(info.Shape))
            throw new ArgumentException($"{Path}: tensor '{info.Name}' is {info.ShapeText}, the target [{string.Join(",", target.shape)}].", nameof(target));
        if (info.ByteLength == 0) return;
        using var noGrad = no_grad();
        if (target.device_type == DeviceType.CPU && target.is_contiguous())
        {
            CopyChunks(info, target);
            return;
        }
        using var staged = empty(info.Shape, info.DType.ToScalarType());
        CopyChunks(info, staged);
        target.copy_(staged);
    }

    /// <summary>Elements copied at a time: <see cref="ReadLimits.ReadChunkBytes"/> of float32 (a span holds at
    /// most <see cref="int.MaxValue"/> bytes).</summary>
    const int ChunkElements = ReadLimits.ReadChunkBytes / 4;

    /// <summary>Writes the tensor's values into the contiguous CPU tensor <paramref name="target"/>, chunk by chunk:
    /// a memcpy from the mapping when the dtypes agree; otherwise the chunk is copied into a native tensor of the
    /// file's dtype and libtorch converts it (vectorised, on its threads: for F16 → float32, 5× faster than a
    /// managed loop in a Debug build and no slower in Release).</summary>
    void CopyChunks(SafetensorsTensorInfo info, Tensor target)
    {
        var fileType = info.DType.ToScalarType();
        int sourceSize = info.DType.Size();
        long elements = info.ElementCount;
        using var flat = target.view(-1);
        for (long start = 0; start < elements; start += ChunkElements)
        {
            long count = Math.Min(ChunkElements, elements - start);
            using var slice = count == elements ? flat.alias() : flat.narrow(0, start, count);
            var source = Bytes(info, start * sourceSize, checked((int)(count * sourceSize)));
            if (target.dtype == fileType)
            {
                source.CopyTo(slice.bytes);
                continue;
            }
            using var staged = empty(count, fileType);
            source.CopyTo(staged.bytes);
            slice.copy_(staged);
        }
    }

    public void Dispose()
    {
        if (_base is null) return;
        _base = null;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}
