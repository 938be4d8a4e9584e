using System.Buffers.Binary;
using System.IO.Compression;

namespace BBScore.Formats.Nifti;

/// <summary>A NIfTI-1 image: <see cref="Shape"/> is dim[1..dim[0]] and <see cref="Data"/> holds the voxels
/// in the file's order (x fastest, then y, z, t: Fortran order), scaled and converted to float32.</summary>
public sealed record NiftiImage(int[] Shape, float[] Data);

/// <summary>The fields of a NIfTI-1 header that a reader needs. <see cref="PixDim"/> is all eight pixdim
/// values (pixdim[1..3] the voxel size, pixdim[4] the TR, in the units <see cref="XyztUnits"/> names);
/// <see cref="Datatype"/> is the NIfTI code (2 uint8, 4 int16, 8 int32, 16 float32, 64 float64, 256 int8,
/// 512 uint16, 768 uint32, 1024 int64).</summary>
public sealed record NiftiHeader(int[] Shape, short Datatype, short Bitpix, float[] PixDim, long VoxOffset,
    float SclSlope, float SclInter, byte XyztUnits, bool BigEndian, bool Gzipped)
{
    /// <summary>pixdim[4]: the repetition time of a 4-D fMRI run (seconds when <see cref="XyztUnits"/> says so, as BIDS requires).</summary>
    public float RepetitionTime => PixDim[4];

    /// <summary>Whether voxels are scaled: nibabel's rule, a finite non-zero scl_slope.</summary>
    public bool IsScaled => SclSlope != 0 && float.IsFinite(SclSlope);
}

/// <summary>Reads NIfTI-1 single-file images (<c>.nii</c>, and gzipped <c>.nii.gz</c>, recognised by the gzip
/// magic rather than the name) of either byte order, as nibabel's <c>load(...).get_fdata()</c> does for the
/// data types fMRI files use. The voxels a header declares must fit in what the file holds (a gzipped
/// file: at most deflate's best ratio times its size, <see cref="ReadLimits.MaxDeflateRatio"/>) and in
/// <see cref="ReadLimits.MaxNiftiValues"/>; only that many bytes are ever inflated.</summary>
public static class NiftiFile
{
    const int HeaderBytes = 348;

    public static NiftiHeader ReadHeader(string path)
    {
        using var file = File.OpenRead(path);
        using var stream = Open(file, path, out bool gzipped);
        return ReadHeader(stream, path, gzipped);
    }

    public static NiftiImage Read(string path)
    {
        using var file = File.OpenRead(path);
        using var stream = Open(file, path, out bool gzipped);
        var header = ReadHeader(stream, path, gzipped);
        int bytesPerVoxel = BytesPerVoxel(header.Datatype, path);
        long count = ReadLimits.ElementCount(header.Shape.Select(d => (long)d), path);
        if (count > ReadLimits.MaxNiftiValues)
            throw new InvalidDataException($"{path}: the image declares {count} voxels ({string.Join("x", header.Shape)}), more than the {ReadLimits.MaxNiftiValues} one read may hold; crop or split it (e.g. one file per run).");
        int length = ReadLimits.RequireArrayLength(count, path, $"the {string.Join("x", header.Shape)} image");
        // What the file can hold after the header: its bytes, or deflate's best ratio times them when gzipped.
        long capacity = gzipped ? file.Length * ReadLimits.MaxDeflateRatio : file.Length;
        if (header.VoxOffset > capacity)
            throw new InvalidDataException($"{path}: the data starts at byte {header.VoxOffset} (vox_offset), past the end of the file (truncated or corrupt file).");
        ReadLimits.RequireBytes(count, bytesPerVoxel, capacity - header.VoxOffset, path, $"the {string.Join("x", header.Shape)} image");
        Skip(stream, header.VoxOffset - HeaderBytes, path);
        var data = new float[length];
        ReadVoxels(stream, header, bytesPerVoxel, data, path);
        if (gzipped) CheckGzipEnd(file, stream, header.VoxOffset + count * bytesPerVoxel, capacity, path);
        return new NiftiImage(header.Shape, data);
    }

    /// <summary>The file itself, or an inflating stream over it when it starts with the gzip magic (disposing
    /// the file twice, by this stream's using and the caller's, is harmless).</summary>
    static Stream Open(FileStream file, string path, out bool gzipped)
    {
        Span<byte> magic = stackalloc byte[2];
        int n = file.Read(magic);
        file.Position = 0;
        gzipped = n == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        return gzipped ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
    }

    static NiftiHeader ReadHeader(Stream stream, string path, bool gzipped)
    {
        var h = new byte[HeaderBytes];
        ReadExactly(stream, h, path, "the 348-byte NIfTI-1 header");
        bool big;
        if (BinaryPrimitives.ReadInt32LittleEndian(h) == HeaderBytes) big = false;
        else if (BinaryPrimitives.ReadInt32BigEndian(h) == HeaderBytes) big = true;
        else if (BinaryPrimitives.ReadInt32LittleEndian(h) == 540 || BinaryPrimitives.ReadInt32BigEndian(h) == 540)
            throw new InvalidDataException($"{path}: a NIfTI-2 file; this reader reads NIfTI-1 (convert it, e.g. nibabel.Nifti1Image.from_image(img)).");
        else
            throw new InvalidDataException($"{path}: not a NIfTI-1 file (sizeof_hdr is not 348 in either byte order){(gzipped ? "" : "; a .nii.gz must be gzipped")}.");
        short I16(int at) => big ? BinaryPrimitives.ReadInt16BigEndian(h.AsSpan(at)) : BinaryPrimitives.ReadInt16LittleEndian(h.AsSpan(at));
        float F32(int at) => big ? BinaryPrimitives.ReadSingleBigEndian(h.AsSpan(at)) : BinaryPrimitives.ReadSingleLittleEndian(h.AsSpan(at));

        string magic = System.Text.Encoding.Latin1.GetString(h, 344, 4);
        if (magic == "ni1\0")
            throw new InvalidDataException($"{path}: the header of a .hdr/.img pair; this reader reads single-file images (save it as .nii or .nii.gz).");
        if (magic != "n+1\0")
            throw new InvalidDataException($"{path}: no NIfTI-1 magic \"n+1\" at byte 344 (an Analyze 7.5 file, or corrupt); save it as NIfTI-1 .nii or .nii.gz.");
        int rank = I16(40);
        if (rank is < 1 or > 7)
            throw new InvalidDataException($"{path}: dim[0] is {rank}; a NIfTI-1 image has 1 to 7 dimensions (corrupt header).");
        var shape = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            shape[i] = I16(42 + 2 * i);
            if (shape[i] < 0) throw new InvalidDataException($"{path}: dim[{i + 1}] is {shape[i]}; dimensions cannot be negative (corrupt header).");
        }
        short datatype = I16(70);
        BytesPerVoxel(datatype, path);
        var pixdim = new float[8];
        for (int i = 0; i < 8; i++) pixdim[i] = F32(76 + 4 * i);
        float voxOffset = F32(108);
        if (!float.IsFinite(voxOffset) || voxOffset < HeaderBytes)
            throw new InvalidDataException($"{path}: vox_offset is {voxOffset}; the data of a single-file NIfTI-1 starts after its 348-byte header (corrupt header).");
        float slope = F32(112), inter = F32(116);
        // Beyond 2^62 no file holds it; clamping keeps the long conversion exact and Read refuses it as past the end.
        long offset = voxOffset >= 4.6e18f ? long.MaxValue : (long)voxOffset;
        var header = new NiftiHeader(shape, datatype, I16(72), pixdim, offset, slope, inter, h[123], big, gzipped);
        if (header.IsScaled && !float.IsFinite(inter))
            throw new InvalidDataException($"{path}: scl_slope is {slope} but scl_inter is {inter}; nibabel refuses such scaling too (corrupt header).");
        return header;
    }

    static int BytesPerVoxel(short datatype, string path) => datatype switch
    {
        2 or 256 => 1,
        4 or 512 => 2,
        8 or 16 or 768 => 4,
        64 or 1024 => 8,
        _ => throw new InvalidDataException(
            $"{path}: NIfTI datatype {datatype} is not read; supported: uint8 (2), int16 (4), int32 (8), float32 (16), float64 (64), int8 (256), uint16 (512), uint32 (768), int64 (1024). Convert the image (e.g. nibabel's set_data_dtype)."),
    };

    /// <summary>Reads the voxels in chunks, converting each to float32 after nibabel's scaling (value·slope + inter, in double).</summary>
    static void ReadVoxels(Stream stream, NiftiHeader header, int bytesPerVoxel, float[] data, string path)
    {
        var buffer = new byte[Math.Min(1 << 20, Math.Max(bytesPerVoxel, (long)data.Length * bytesPerVoxel))];
        int perChunk = buffer.Length / bytesPerVoxel;
        bool big = header.BigEndian, scaled = header.IsScaled;
        double slope = header.SclSlope, inter = header.SclInter;
        for (int done = 0; done < data.Length;)
        {
            int n = Math.Min(perChunk, data.Length - done);
            var bytes = buffer.AsSpan(0, n * bytesPerVoxel);
            ReadExactly(stream, bytes, path, $"voxel {done} of {data.Length}");
            for (int i = 0; i < n; i++)
            {
                var b = bytes.Slice(i * bytesPerVoxel, bytesPerVoxel);
                double v = header.Datatype switch
                {
                    2 => b[0],
                    256 => (sbyte)b[0],
                    4 => big ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
                    512 => big ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
                    8 => big ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
                    768 => big ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
                    1024 => big ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
                    16 => big ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
                    _ => big ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
                };
                data[done + i] = (float)(scaled ? v * slope + inter : v);
            }
            done += n;
        }
    }

    /// <summary>Inflates what follows the voxels (nothing, in files nibabel writes) to the end of the gzip
    /// stream, so that zlib checks the trailer's CRC, then compares the trailer's length (ISIZE, the last 4
    /// bytes, mod 2^32) with what was inflated. .NET's GZipStream reports a stream cut short as a plain end,
    /// so without this a download truncated after the last voxel would read as complete. At most
    /// <paramref name="capacity"/> bytes are inflated in all.</summary>
    static void CheckGzipEnd(FileStream file, Stream stream, long inflated, long capacity, string path)
    {
        var buffer = new byte[1 << 16];
        while (true)
        {
            int n;
            try { n = stream.Read(buffer); }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                throw new InvalidDataException($"{path}: the gzip data is corrupt after the last voxel ({e.Message}); download the file again.", e);
            }
            if (n == 0) break;
            inflated += n;
            if (inflated > capacity)
                throw new InvalidDataException($"{path}: inflates to more than {capacity} bytes, past deflate's best ratio (a decompression bomb or corrupt file).");
        }
        uint? trailer = GzipTrailer.RecordedLength(file);
        if (trailer != (uint)inflated)
            throw new InvalidDataException(
                $"{path}: the gzip trailer records {(trailer is null ? "nothing (the file is shorter than a gzip header and trailer)" : $"{trailer} bytes")} but {inflated} were inflated: the file is truncated or damaged (download it again), or holds several gzip members (recompress it as one: gunzip, then gzip).");
    }

    /// <summary>Discards the header extensions between the header and vox_offset (a gzip stream cannot seek).</summary>
    static void Skip(Stream stream, long bytes, string path)
    {
        var buffer = new byte[(int)Math.Min(bytes, 1 << 16)];
        for (long left = bytes; left > 0;)
        {
            int n = (int)Math.Min(left, buffer.Length);
            ReadExactly(stream, buffer.AsSpan(0, n), path, "the header extensions before vox_offset");
            left -= n;
        }
    }

    /// <summary>Fills <paramref name="buffer"/>; a short file, or a gzip stream zlib cannot inflate, is refused naming the file.</summary>
    static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: the file ends inside {what} (truncated NIfTI file); download it again.", e);
        }
        catch (Exception e) when (e is IOException or InvalidDataException && !e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: the gzip data is corrupt inside {what} ({e.Message}); download the file again.", e);
        }
    }
}
