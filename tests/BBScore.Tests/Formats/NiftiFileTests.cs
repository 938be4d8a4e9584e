using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using BBScore.Formats;
using BBScore.Formats.Nifti;
using BBScore.Tests.Support;

namespace BBScore.Tests.Formats;

/// <summary>NiftiFile against nibabel's <c>load(...).get_fdata()</c> on the same files (expected.json, from
/// tests/fixtures/generate_lebel_format_fixtures.py: every supported datatype, a gzipped 4-D run, a
/// big-endian scaled int16 with a header extension), and its refusals of damaged files: always an
/// <see cref="InvalidDataException"/> starting with the path, decided before the voxels are allocated.</summary>
public class NiftiFileTests
{
    static string Fixture(string name) => TextGridFileTests.Fixture(name);

    public static TheoryData<string> Images() =>
        new(TextGridFileTests.Expected("nifti").EnumerateObject().Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Images))]
    public void Images_read_as_nibabel_reads_them(string file)
    {
        var expected = TextGridFileTests.Expected("nifti").GetProperty(file);
        var image = NiftiFile.Read(Fixture(file));
        AssertImage(expected, image, file);
        var header = NiftiFile.ReadHeader(Fixture(file));
        Assert.Equal(image.Shape, header.Shape);
        Assert.Equal(expected.GetProperty("datatype").GetInt32(), header.Datatype);
        Assert.Equal(expected.GetProperty("pixdim").EnumerateArray().Select(e => (float)e.GetDouble()), header.PixDim);
        Assert.Equal(file.EndsWith(".gz", StringComparison.Ordinal), header.Gzipped);
    }

    [Fact]
    public void The_header_gives_the_tr_scaling_and_byte_order()
    {
        var bold = NiftiFile.ReadHeader(Fixture("bold.nii.gz"));
        Assert.Equal([5, 4, 3, 6], bold.Shape);
        Assert.Equal(2.0f, bold.RepetitionTime);
        Assert.False(bold.BigEndian);
        var scaled = NiftiFile.ReadHeader(Fixture("scaled_be_int16.nii"));
        Assert.True(scaled.BigEndian);
        Assert.True(scaled.IsScaled);
        Assert.Equal((0.5f, -3f, 368L, (short)16), (scaled.SclSlope, scaled.SclInter, scaled.VoxOffset, scaled.Bitpix));
    }

    [Fact]
    public void Gzip_is_recognised_by_its_magic_not_the_name()
    {
        using var dir = new TempDir();
        string gz = Path.Combine(dir.Path, "really_gzipped.nii"), plain = Path.Combine(dir.Path, "really_plain.nii.gz");
        File.Copy(Fixture("bold.nii.gz"), gz);
        File.Copy(Fixture("scaled_be_int16.nii"), plain);
        Assert.Equal(NiftiFile.Read(Fixture("bold.nii.gz")).Data, NiftiFile.Read(gz).Data);
        Assert.Equal(NiftiFile.Read(Fixture("scaled_be_int16.nii")).Data, NiftiFile.Read(plain).Data);
    }

    [Theory]
    [InlineData("scaled_be_int16.nii")]
    [InlineData("dtype_float64.nii")]
    [InlineData("bold.nii.gz")]
    public void Every_truncated_image_is_refused(string file)
    {
        byte[] bytes = File.ReadAllBytes(Fixture(file));
        for (int length = 0; length < bytes.Length; length += 7) Refused(bytes[..length]);
    }

    [Fact]
    public void Bad_magic_and_other_formats_are_refused_naming_the_fix()
    {
        byte[] le = File.ReadAllBytes(Fixture("dtype_int16.nii"));
        Assert.Contains("not a NIfTI-1 file", Refused(WithInt32(le, 0, 349)).Message);
        Assert.Contains("NIfTI-2", Refused(WithInt32(le, 0, 540)).Message);
        var pair = (byte[])le.Clone();
        "ni1"u8.CopyTo(pair.AsSpan(344));
        Assert.Contains(".hdr/.img pair", Refused(pair).Message);
        var analyze = (byte[])le.Clone();
        analyze.AsSpan(344, 4).Clear();
        Assert.Contains("magic", Refused(analyze).Message);
        Refused(Gzip(new byte[400])); // gzip of zeros: no header inside
        Refused([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF]); // a damaged deflate stream
    }

    [Fact]
    public void Gzip_damage_after_the_last_voxel_is_refused()
    {
        byte[] gz = File.ReadAllBytes(Fixture("bold.nii.gz"));
        var crc = (byte[])gz.Clone();
        crc[^8] ^= 0xFF; // the trailer's CRC-32: zlib checks it once the stream is read to its end
        Refused(crc);
        var size = (byte[])gz.Clone();
        size[^1] ^= 0x01; // the trailer's length
        Refused(size); // zlib checks the length too
        Assert.Contains("several gzip members", Refused([.. gz, .. Gzip([1, 2, 3])]).Message);
    }

    [Fact]
    public void Bad_dimensions_types_and_offsets_are_refused()
    {
        byte[] be = File.ReadAllBytes(Fixture("scaled_be_int16.nii"));
        Assert.Contains("dim[0] is 0", Refused(WithInt16(be, 40, 0)).Message);
        Assert.Contains("dim[0] is 8", Refused(WithInt16(be, 40, 8)).Message);
        Assert.Contains("negative", Refused(WithInt16(be, 44, -3)).Message);
        Assert.Contains("datatype 32", Refused(WithInt16(be, 70, 32)).Message); // complex64
        Assert.Contains("vox_offset", Refused(WithFloat(be, 108, float.NaN)).Message);
        Assert.Contains("vox_offset", Refused(WithFloat(be, 108, 0)).Message);
        Assert.Contains("past the end", Refused(WithFloat(be, 108, 1e30f)).Message);
        Assert.Contains("scl_inter", Refused(WithFloat(be, 116, float.PositiveInfinity)).Message);
    }

    [Fact]
    public void Declared_voxels_beyond_the_file_or_the_limit_are_refused_before_allocating()
    {
        byte[] be = File.ReadAllBytes(Fixture("scaled_be_int16.nii"));
        // 32767 x 32767 x 2: 2.1 billion voxels, about 4 GB of int16 declared by a 416-byte file.
        var huge = WithInt16(WithInt16(be, 42, 32767), 44, 32767);
        Assert.Contains("remain", Refused(huge).Message);
        Assert.Contains($"{ReadLimits.MaxNiftiValues}", Refused(WithInt16(huge, 46, 3)).Message);
        // Gzipped, the same header may claim deflate's best ratio times the file, and no more.
        Assert.Contains("remain", Refused(Gzip(huge)).Message);
        var slightly = WithInt16(be, 46, 3); // 4x3x3 needs 24 bytes more than the file has
        Assert.Contains("remain", Refused(slightly).Message);
    }

    static void AssertImage(JsonElement expected, NiftiImage image, string what)
    {
        Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()), image.Shape);
        var want = expected.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(want.Length, image.Data.Length);
        for (int i = 0; i < want.Length; i++)
            Assert.True(Math.Abs(image.Data[i] - want[i]) <= 1e-6 * Math.Max(1, Math.Abs(want[i])), $"{what}[{i}]: {image.Data[i]}, nibabel {want[i]}");
    }

    static byte[] WithInt16(byte[] file, int offset, short value)
    {
        var copy = (byte[])file.Clone();
        bool big = BinaryPrimitives.ReadInt32BigEndian(copy) == 348;
        if (big) BinaryPrimitives.WriteInt16BigEndian(copy.AsSpan(offset), value);
        else BinaryPrimitives.WriteInt16LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    static byte[] WithInt32(byte[] file, int offset, int value)
    {
        var copy = (byte[])file.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    static byte[] WithFloat(byte[] file, int offset, float value)
    {
        var copy = (byte[])file.Clone();
        bool big = BinaryPrimitives.ReadInt32BigEndian(copy) == 348;
        if (big) BinaryPrimitives.WriteSingleBigEndian(copy.AsSpan(offset), value);
        else BinaryPrimitives.WriteSingleLittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    static InvalidDataException Refused(byte[] file)
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "hostile.nii.gz");
        File.WriteAllBytes(path, file);
        var e = Assert.Throws<InvalidDataException>(() => NiftiFile.Read(path));
        Assert.StartsWith(path, e.Message);
        return e;
    }
}
