using System.Buffers.Binary;

namespace BBScore.Formats;

/// <summary>The gzip trailer's ISIZE: the uncompressed length mod 2^32, in the file's last four bytes. .NET's
/// <see cref="System.IO.Compression.GZipStream"/> reads a truncated file as a shorter complete one, so readers compare
/// what they inflated with it.</summary>
public static class GzipTrailer
{
    /// <summary>Shortest gzip file: a 10-byte header and an 8-byte trailer.</summary>
    public const int MinFileBytes = 18;

    /// <summary>ISIZE of the gzip file <paramref name="file"/>, or null when it is too short to hold a header and trailer.
    /// Moves the stream's position.</summary>
    public static uint? RecordedLength(Stream file)
    {
        if (file.Length < MinFileBytes) return null;
        Span<byte> trailer = stackalloc byte[4];
        file.Position = file.Length - 4;
        file.ReadExactly(trailer);
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }
}
