using System.Security.Cryptography;
using System.Text.Json;
using BBScore.Stimuli;

namespace BBScore.Tests.Stimuli;

/// <summary>JPEG pixels against Pillow's <c>Image.open(path).convert("RGB")</c> (Debian python3-pil 9.4;
/// tests/fixtures/generate_pillow_image_references.py made the files and the hashes).</summary>
public class JpegDecodingTests
{
    static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "jpeg");

    public static TheoryData<string> Files => new() { "ycbcr420.jpg", "ycbcr444.jpg", "ycbcr422.jpg", "progressive.jpg", "grey.jpg" };

    /// <summary>CI installs libturbojpeg0 (see .ci/run) and sets BBSCORE_EXPECT_TURBOJPEG=1, so the fast path really runs there.</summary>
    [Fact]
    public void LibjpegTurboIsUsedWhereItIsInstalled()
    {
        if (Environment.GetEnvironmentVariable("BBSCORE_EXPECT_TURBOJPEG") == "1")
            Assert.True(TurboJpegDecoder.IsAvailable, "libturbojpeg.so.0 is installed but could not be loaded.");
        byte[] bytes = File.ReadAllBytes(Path.Combine(Folder, "ycbcr420.jpg"));
        Assert.Equal(TurboJpegDecoder.IsAvailable, TurboJpegDecoder.TryDecode(bytes) != null);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void DecodesLikePillow(string name)
    {
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json"))).RootElement.GetProperty(name);

        var image = ImageFileDecoder.Decode(Path.Combine(Folder, name));

        Assert.Equal((expected.GetProperty("width").GetInt32(), expected.GetProperty("height").GetInt32()), (image.Width, image.Height));
        Assert.Equal(expected.GetProperty("sha256_16").GetString(), Convert.ToHexStringLower(SHA256.HashData(image.Pixels))[..16]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void SkiaFallbackAlsoDecodesLikePillow(string name)
    {
        // Without libturbojpeg the same files must give the same pixels, or cached features would depend on the machine.
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json"))).RootElement.GetProperty(name);

        var image = ImageFileDecoder.DecodeWithSkia(File.ReadAllBytes(Path.Combine(Folder, name)), name);

        Assert.Equal(expected.GetProperty("sha256_16").GetString(), Convert.ToHexStringLower(SHA256.HashData(image.Pixels))[..16]);
    }

    [Fact]
    public void OtherFormatsAreLeftToSkia()
    {
        Assert.Null(TurboJpegDecoder.TryDecode([0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10]));
        Assert.Null(TurboJpegDecoder.TryDecode([]));
    }

    [Fact]
    public void TruncatedJpegIsAnErrorNamingTheFile()
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Folder, "ycbcr420.jpg"));

        var error = Assert.Throws<InvalidDataException>(() => ImageFileDecoder.Decode(bytes[..(bytes.Length / 3)], "stimuli/cut.jpg"));

        Assert.Contains("stimuli/cut.jpg", error.Message, StringComparison.Ordinal);
    }
}
