using System.IO.Compression;
using BBScore.Formats;

namespace BBScore.Formats.Matlab;

/// <summary>Reader for MAT-file level 5 (MATLAB v5/v6/v7, <c>scipy.io.savemat</c>), little-endian,
/// with miCOMPRESSED (zlib) elements. The whole file is read into memory; variables are indexed at
/// open and decoded on <see cref="Read"/>.</summary>
public sealed class Mat5File : IMatFile
{
    readonly Dictionary<string, ReadOnlyMemory<byte>> _matrices = new();
    readonly List<string> _names = [];

    public string Path { get; }
    public string Version => "5";
    public IReadOnlyList<string> VariableNames => _names;

    /// <summary>The 116-byte descriptive text of the header.</summary>
    public string HeaderText { get; }

    Mat5File(string path, string headerText) { Path = path; HeaderText = headerText; }

    public static Mat5File Open(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 128) throw new InvalidDataException($"{path}: {bytes.Length} bytes is too short for a MAT-file (the header alone is 128 bytes).");
        string endian = System.Text.Encoding.ASCII.GetString(bytes, 126, 2);
        if (endian == "MI") throw new NotSupportedException($"{path}: big-endian MAT-files are not supported; re-save on a little-endian machine.");
        if (endian != "IM") throw new InvalidDataException($"{path}: not a level 5 MAT-file (no 'IM' endian mark at byte 126).");
        var file = new Mat5File(path, System.Text.Encoding.ASCII.GetString(bytes, 0, 116).TrimEnd(' ', '\0'));
        ReadOnlyMemory<byte> buffer = bytes;
        int offset = 128;
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < 8 && bytes.AsSpan(offset).IndexOfAnyExcept((byte)0) < 0) break; // trailing padding
            var element = Mat5Element.Read(buffer, ref offset, path);
            var matrix = element.Type switch
            {
                Mat5Type.Compressed => Inflate(element.Data, path),
                Mat5Type.Matrix => element,
                _ => throw new InvalidDataException($"{path}: top-level element of type {(int)element.Type} (expected miMATRIX or miCOMPRESSED)."),
            };
            if (matrix.Type != Mat5Type.Matrix)
                throw new InvalidDataException($"{path}: compressed element holds type {(int)matrix.Type} (expected miMATRIX).");
            string name = Mat5Matrix.ReadName(matrix.Data, path);
            if (name.Length == 0 || name.StartsWith("__", StringComparison.Ordinal)) continue; // e.g. __function_workspace__
            if (file._matrices.TryAdd(name, matrix.Data)) file._names.Add(name);
        }
        return file;
    }

    static Mat5Element Inflate(ReadOnlyMemory<byte> compressed, string path)
    {
        byte[] inflated;
        try
        {
            // zlib cannot inflate past deflate's best ratio: more is a bomb, refused as it streams.
            using var input = new MemoryStream(compressed.ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            inflated = BoundedCopy.ToArray(zlib, (compressed.Length + 64L) * ReadLimits.MaxDeflateRatio, path, "past deflate's best ratio for its compressed size");
        }
        catch (InvalidDataException ex) when (!ex.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: a compressed variable does not inflate ({ex.Message}); truncated or damaged file?", ex);
        }
        int offset = 0;
        return Mat5Element.Read(inflated, ref offset, path + " (compressed element)");
    }

    public MatValue Read(string name)
    {
        if (!_matrices.TryGetValue(name, out var matrix))
            throw new KeyNotFoundException($"{Path}: no variable '{name}' (variables: {string.Join(", ", _names)}).");
        string context = $"{Path}: variable '{name}'";
        try { return Mat5Matrix.Decode(matrix, context); }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or IndexOutOfRangeException or InvalidCastException)
        {
            throw new InvalidDataException($"{context}: corrupt data ({e.Message}).", e);
        }
    }

    public void Dispose() { }
}
