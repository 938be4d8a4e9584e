using System.Buffers.Binary;
using System.IO.Compression;
using BBScore.Formats;
using BBScore.Stimuli;
using BBScore.Tests.Support;

namespace BBScore.Tests.Formats;

/// <summary>Images whose headers declare more pixels than <see cref="ReadLimits.MaxImagePixels"/> are
/// refused from the header, before any pixel buffer is allocated; damaged images name the file.</summary>
public class HostileImageTests
{
    /// <summary>A PNG with an IHDR of <paramref name="width"/>×<paramref name="height"/> (8-bit RGB) and a
    /// tiny IDAT: a few dozen bytes that declare any size.</summary>
    internal static byte[] Png(uint width, uint height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type RGB
        Chunk(png, "IHDR", ihdr);
        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true)) z.Write(new byte[64]);
        Chunk(png, "IDAT", idat.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }

    [Theory]
    [InlineData(60000u, 60000u)]
    [InlineData(20000u, 10000u)] // 200 megapixels: over Pillow's bomb threshold
    [InlineData(200_000u, 1000u)] // 200 megapixels in a long thin strip
    public void A_png_declaring_too_many_pixels_is_refused_from_its_header(uint width, uint height)
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "bomb.png");
        File.WriteAllBytes(path, Png(width, height));
        var e = Assert.Throws<InvalidDataException>(() => ImageFileDecoder.Decode(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("pixels", e.Message);
    }

    [Fact]
    public void A_tiny_png_declaring_more_pixels_than_it_can_encode_is_refused_from_its_header()
    {
        // 12000 × 12000 = 144 megapixels: under Pillow's threshold, but ~100 bytes cannot encode them (1.2 GB to decode).
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "dense.png");
        File.WriteAllBytes(path, Png(12000, 12000));
        var e = Assert.Throws<InvalidDataException>(() => ImageFileDecoder.Decode(path));
        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains("more than its", e.Message);
    }

    [Fact]
    public void A_small_generated_png_still_decodes()
    {
        // The PNG writer above is sound: a small one with the same tiny IDAT decodes (the rows it lacks are an error or zeros).
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "small.png");
        File.WriteAllBytes(path, Png(4, 4));
        var image = ImageFileDecoder.Decode(path);
        Assert.Equal(4, image.Width);
    }

    [Fact]
    public void Every_truncation_of_an_image_is_refused_naming_the_file()
    {
        using var dir = new TempDir();
        string whole = Path.Combine(dir.Path, "whole.png");
        TestImages.WritePng(whole, seed: 3, size: 16);
        byte[] bytes = File.ReadAllBytes(whole);
        string path = Path.Combine(dir.Path, "cut.png");
        for (int length = 0; length < bytes.Length / 2; length += 5)
        {
            File.WriteAllBytes(path, bytes[..length]);
            var e = Assert.Throws<InvalidDataException>(() => ImageFileDecoder.Decode(path));
            Assert.Contains(path, e.Message);
        }
    }
}
