using System.IO.Compression;

namespace BBScore.Data.Archives;

/// <summary>.NET's <see cref="GZipStream"/> reads a truncated gzip file as a shorter one without
/// complaint (a 5-byte stub reads as empty), so the tar inside looks complete. The gzip trailer's
/// ISIZE (the uncompressed length mod 2^32) is compared with what was inflated to catch it.</summary>
internal static class GzipTrailerCheck
{
    /// <summary>Inflates the rest of <paramref name="inflated"/> (tar padding the reader skipped) and compares
    /// the total with the file's last four bytes.</summary>
    public static void Verify(string archivePath, CountingStream inflated)
    {
        var rest = new byte[81920];
        while (inflated.Read(rest, 0, rest.Length) > 0) { }
        using var file = File.OpenRead(archivePath);
        uint declared = Formats.GzipTrailer.RecordedLength(file) ?? throw Truncated(archivePath, "shorter than a gzip header and trailer");
        if (declared != (uint)inflated.BytesRead)
            throw Truncated(archivePath, $"it inflates to {inflated.BytesRead} bytes but its trailer says {declared} (mod 2^32)");
    }

    static InvalidDataException Truncated(string path, string why) => new($"{path}: not a complete tar.gz archive ({why}); truncated or damaged download.");
}

/// <summary>A read-only pass-through that counts the bytes read.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    public long BytesRead { get; private set; }
    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = inner.Read(buffer, offset, count);
        BytesRead += n;
        return n;
    }
    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        BytesRead += n;
        return n;
    }
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
