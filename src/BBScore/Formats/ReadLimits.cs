namespace BBScore.Formats;

/// <summary>The bounds every file reader enforces before it allocates, so a hostile or damaged file is
/// refused with an <see cref="InvalidDataException"/> naming it instead of exhausting memory. The rule:
/// a count read from a file may drive an allocation only after it is checked against what the file
/// can hold (its remaining bytes, times the best compression ratio where data is compressed), or
/// against one of the stated limits below.</summary>
public static class ReadLimits
{
    /// <summary>Largest .npy header accepted. numpy writes a few hundred bytes at most (the dict of
    /// descr, order and shape); a megabyte leaves room for odd writers and refuses nonsense lengths.</summary>
    public const int MaxNpyHeaderBytes = 1 << 20;

    /// <summary>Largest safetensors header accepted, the bound of the format's reference reader
    /// (<c>MAX_HEADER_SIZE</c>, 100 MB): a header lists names, shapes and offsets, a few hundred bytes a tensor.</summary>
    public const int MaxSafetensorsHeaderBytes = 100_000_000;

    /// <summary>A JSON side file of a published model (a shard index: a few hundred KB for the largest models).</summary>
    public const int MaxJsonBytes = 64 << 20;

    /// <summary>Bytes read per call when filling a large array: a single read of more than
    /// <see cref="int.MaxValue"/> bytes is impossible, and 64 MiB keeps each call cheap.</summary>
    public const int ReadChunkBytes = 64 << 20;

    /// <summary>Deflate's theoretical best ratio (about 1032:1). Data inflated from compressed bytes can
    /// never legitimately exceed this many times its compressed size (zlib members of MAT files, HDF5
    /// filters), so anything declaring more is corrupt or a bomb.</summary>
    public const long MaxDeflateRatio = 1032;

    /// <summary>Archives (zip, tar.gz) may extract at most this many times their own size. Real dataset
    /// archives (images, arrays) compress a few times at most; 100× is far above that and far below a bomb.</summary>
    public const long MaxExtractRatio = 100;

    /// <summary>Small archives may always extract this much, whatever the ratio (a zip of a few text files
    /// can compress very well and is harmless).</summary>
    public const long MinExtractAllowance = 64L << 20;

    /// <summary>Most pixels an image may declare: Pillow's decompression-bomb error threshold
    /// (2 × <c>Image.MAX_IMAGE_PIXELS</c>), so BBScore refuses exactly what the Python original refuses.
    /// At 4 bytes a pixel while decoding that is about 716 MB.</summary>
    public const long MaxImagePixels = 2L * 89_478_485;

    /// <summary>Most pixels an image file may declare per byte it has. No format packs more densely in practice: a
    /// 1-bit PNG at deflate's best ratio holds 1032 × 8 = 8256 pixels a byte, a JPEG at most a few hundred.
    /// Beyond it a few hundred bytes could demand a decode buffer of hundreds of megabytes.</summary>
    public const long MaxPixelsPerImageByte = 16_384;

    /// <summary>Pixels every image may declare whatever its size (a 2048 × 2048 flat colour compresses to almost nothing).</summary>
    public const long MinImagePixelAllowance = 4L << 20;

    /// <summary>Most voxels one NIfTI image may declare (2^31, 8 GiB as float32; one array holds slightly fewer,
    /// <see cref="Array.MaxLength"/>, which is checked too). A LeBel2023 BOLD run is about 1.4 × 10^8 voxels;
    /// a header declaring more than this is corrupt or hostile, and a real image that large needs splitting.</summary>
    public const long MaxNiftiValues = 1L << 31;

    /// <summary>Deepest nesting accepted in recursive containers (MAT cells/structs, HDF5 groups and
    /// references, which can form cycles): deeper means a cycle or a hostile file, and recursing on would
    /// overflow the stack, which no handler can catch.</summary>
    public const int MaxNestingDepth = 64;

    /// <summary>Bytes left in <paramref name="stream"/> after its position, or <see cref="long.MaxValue"/>
    /// when it cannot tell (not seekable).</summary>
    public static long Remaining(Stream stream) => stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : long.MaxValue;

    /// <summary>The product of <paramref name="dims"/>, or an <see cref="InvalidDataException"/> naming
    /// <paramref name="source"/> when a dimension is negative or the product overflows a long.</summary>
    public static long ElementCount(IEnumerable<long> dims, string source)
    {
        long count = 1;
        foreach (long d in dims)
        {
            if (d < 0) throw new InvalidDataException($"{source}: negative dimension {d} in the declared shape.");
            if (d != 0 && count > long.MaxValue / d)
                throw new InvalidDataException($"{source}: the declared shape has more elements than any file can hold.");
            count *= d;
        }
        return count;
    }

    /// <summary>Refuses <paramref name="count"/> items of <paramref name="itemSize"/> bytes when they need
    /// more than the <paramref name="available"/> bytes the file has for them.</summary>
    public static void RequireBytes(long count, long itemSize, long available, string source, string what)
    {
        if (count < 0 || (itemSize > 0 && count > available / itemSize))
            throw new InvalidDataException(
                $"{source}: {what} declares {count} values of {itemSize} bytes, but only {available} bytes remain (truncated or corrupt file).");
    }

    /// <summary>Refuses an element count that one CLR array cannot hold.</summary>
    public static int RequireArrayLength(long count, string source, string what)
    {
        if (count < 0 || count > Array.MaxLength)
            throw new InvalidDataException($"{source}: {what} has {count} values, more than one array can hold ({Array.MaxLength}).");
        return (int)count;
    }

    /// <summary>How many bytes an archive of <paramref name="archiveBytes"/> may extract in all.</summary>
    public static long ExtractAllowance(long archiveBytes) =>
        Math.Max(MinExtractAllowance, archiveBytes > long.MaxValue / MaxExtractRatio ? long.MaxValue : archiveBytes * MaxExtractRatio);
}
