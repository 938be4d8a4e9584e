using System.IO.Compression;
using BBScore.Formats.Pickles;

namespace BBScore.Formats;

/// <summary>Reader for numpy's <c>.npz</c> archives (<c>np.savez</c> / <c>np.savez_compressed</c>: a zip of
/// <c>.npy</c> members, stored or deflated). Each member is decoded with <see cref="NpyFile.ReadHeader"/>
/// and <see cref="NdArray.FromBytes"/> (all dtypes of <see cref="NumpyDType"/> except object). Object
/// arrays (saved with allow_pickle) are refused: they would need unpickling.</summary>
public static class NpzFile
{
    /// <summary>Writes 1-D float64 arrays as an uncompressed <c>.npz</c> (what <c>np.savez</c> writes; numpy and
    /// <see cref="Read(string, string)"/> read it), through <c>path.partial</c> so a cut write leaves no file that looks complete.</summary>
    public static void WriteFloat64(string path, IReadOnlyList<(string Key, double[] Values)> arrays)
    {
        string partial = path + ".partial";
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create))
            foreach (var (key, values) in arrays)
            {
                using var entry = archive.CreateEntry(key + ".npy", CompressionLevel.NoCompression).Open();
                entry.Write(NpyFile.Float64Header([values.Length]));
                entry.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            }
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>All members, in archive order, keyed by name without the <c>.npy</c> suffix.</summary>
    public static IReadOnlyList<KeyValuePair<string, NdArray>> ReadAll(string path)
    {
        using var archive = Open(path);
        return archive.Entries.Where(e => !e.FullName.EndsWith('/'))
            .Select(e => new KeyValuePair<string, NdArray>(KeyOf(e), ReadEntry(e, path))).ToArray();
    }

    /// <summary>All members as a name → array dictionary.</summary>
    public static IReadOnlyDictionary<string, NdArray> Read(string path) => ReadAll(path).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>The member names (without <c>.npy</c>), in archive order.</summary>
    public static IReadOnlyList<string> Keys(string path)
    {
        using var archive = Open(path);
        return archive.Entries.Where(e => !e.FullName.EndsWith('/')).Select(KeyOf).ToArray();
    }

    /// <summary>One member by name (with or without <c>.npy</c>), or an error listing the members.</summary>
    public static NdArray Read(string path, string key)
    {
        using var archive = Open(path);
        var entry = archive.GetEntry(key) ?? archive.GetEntry(key + ".npy")
            ?? throw new KeyNotFoundException($"{path}: no array '{key}' (arrays: {string.Join(", ", archive.Entries.Select(KeyOf))}).");
        return ReadEntry(entry, path);
    }

    static string KeyOf(ZipArchiveEntry e) => e.FullName.EndsWith(".npy", StringComparison.Ordinal) ? e.FullName[..^4] : e.FullName;

    static ZipArchive Open(string path)
    {
        var stream = File.OpenRead(path);
        try { return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false); }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new InvalidDataException($"{path}: not a readable .npz (zip) archive: {e.Message}", e);
        }
    }

    static NdArray ReadEntry(ZipArchiveEntry entry, string path)
    {
        string source = $"{path}:{entry.FullName}";
        // The member may not inflate past the size it declares, nor past deflate's best ratio.
        long limit = Math.Min(entry.Length, Math.Max(entry.CompressedLength, 1) * ReadLimits.MaxDeflateRatio);
        MemoryStream buffer;
        try
        {
            using var s = entry.Open();
            var bytes = BoundedCopy.ToArray(s, limit, source, $"the member declares {entry.Length} bytes");
            buffer = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: corrupt member: {e.Message}", e);
        }
        buffer.Position = 0;
        var header = NpyFile.ReadHeader(buffer, source);
        NumpyDType dtype;
        try { dtype = NumpyDType.Parse(header.Descr); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{source}: {e.Message}", e); }
        if (dtype.Kind == 'O')
            throw new InvalidDataException($"{source}: '{KeyOf(entry)}' is an object array (saved with allow_pickle); BBScore does not unpickle .npz members. Save it as a fixed-width string or numeric array instead (e.g. arr.astype(str)).");
        var data = buffer.GetBuffer().AsSpan((int)header.DataOffset, (int)(buffer.Length - header.DataOffset));
        return NdArray.FromBytes(dtype, header.Shape, header.FortranOrder, data, source);
    }
}
