namespace BBScore.Formats.Matlab;

/// <summary>Opens a .mat file, choosing the reader from its 128-byte header: level 5 (v5/v6/v7,
/// <see cref="Mat5File"/>) or HDF5-based v7.3 (<see cref="Mat73File"/>).</summary>
public static class MatFile
{
    public static IMatFile Open(string path) => DetectVersion(path) switch
    {
        MatVersion.V73 => Mat73File.Open(path),
        _ => Mat5File.Open(path),
    };

    public enum MatVersion { V5, V73 }

    public static MatVersion DetectVersion(string path)
    {
        using var stream = File.OpenRead(path);
        var header = new byte[128];
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < header.Length)
            throw new InvalidDataException($"{path}: {read} bytes is too short for a MAT-file (the header alone is 128 bytes).");
        var sig = new byte[8];
        if (stream.Length >= 520)
        {
            stream.Position = 512;
            stream.ReadExactly(sig);
            if (IsHdf5Signature(sig)) return MatVersion.V73;
        }
        if (header.AsSpan(0, 8).SequenceEqual(Hdf5Signature))
            throw new NotSupportedException($"{path}: plain HDF5 file without the 512-byte MATLAB header; open it with PureHDF directly.");
        string endian = System.Text.Encoding.ASCII.GetString(header, 126, 2);
        if (endian is not ("IM" or "MI"))
            throw new InvalidDataException($"{path}: not a level 5 / v7.3 MAT-file (no 'IM'/'MI' endian mark at byte 126; MATLAB v4 files are not supported).");
        int version = endian == "IM" ? header[124] | header[125] << 8 : header[124] << 8 | header[125];
        if (version == 0x0200)
            throw new InvalidDataException($"{path}: header says MATLAB 7.3 but no HDF5 superblock follows at byte 512 (truncated or damaged file?).");
        return MatVersion.V5;
    }

    static readonly byte[] Hdf5Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    internal static bool IsHdf5Signature(ReadOnlySpan<byte> bytes) => bytes.SequenceEqual(Hdf5Signature);
}
