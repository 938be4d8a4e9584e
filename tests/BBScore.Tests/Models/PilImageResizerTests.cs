using System.Security.Cryptography;
using BBScore.Stimuli;

namespace BBScore.Tests.Models;

public class PilImageResizerTests
{
    // SHA-256 prefixes of Pillow 9.4's Image.resize output for the same pattern image
    // (pixel = (37x + 91y + 53c + 7xy) mod 256), made with Debian's python3-pil.
    public static TheoryData<int, int, int, int, int, string> PillowReference => new()
    {
        { 7, 5, 3, 4, 0, "adeba48c46e65159" }, { 7, 5, 4, 9, 0, "66cdfefec72943ab" }, { 16, 12, 5, 5, 0, "f213c6ba29e10449" },
        { 5, 8, 13, 3, 0, "c73855d14a01fb28" }, { 300, 200, 224, 224, 0, "dfa89c923fe95129" }, { 20, 20, 7, 20, 0, "619fbc0e5e1b48c7" },
        { 7, 5, 3, 4, 1, "a961e5059fa1550f" }, { 7, 5, 4, 9, 1, "678092415da251f0" }, { 16, 12, 5, 5, 1, "b0b701e50f91b822" },
        { 5, 8, 13, 3, 1, "1e0e49fcea83202e" }, { 300, 200, 224, 224, 1, "e434a4b93086b04c" }, { 33, 17, 33, 40, 1, "3fcd271400c5d968" },
        { 7, 5, 3, 4, 2, "7be918473a679288" }, { 7, 5, 4, 9, 2, "d4cd510815902538" }, { 16, 12, 5, 5, 2, "17165bdaf401ba10" },
        { 5, 8, 13, 3, 2, "e6e28612c06add01" }, { 300, 200, 224, 224, 2, "3666fdb0e77eb921" }, { 33, 17, 33, 40, 2, "c36cc506deb3f667" },
        { 7, 5, 3, 4, 3, "68799f82cb1d09d9" }, { 7, 5, 4, 9, 3, "9c75a5bdf3086c85" }, { 16, 12, 5, 5, 3, "f1a01774105cc74e" },
        { 5, 8, 13, 3, 3, "4cd45a670db3815a" }, { 300, 200, 224, 224, 3, "37512ee280dfa065" }, { 20, 20, 7, 20, 3, "a5d1edf538818437" },
        { 7, 5, 3, 4, 4, "ba9eaa28f223a230" }, { 16, 12, 5, 5, 4, "e08aab4430bbc450" }, { 300, 200, 224, 224, 4, "987c3404d463eee8" },
        { 33, 17, 33, 40, 4, "28798d984001fa3e" }, { 7, 5, 3, 4, 5, "3b1530efa083a906" }, { 5, 8, 13, 3, 5, "a582d257e5b913af" },
        { 300, 200, 224, 224, 5, "a40927cadcd5d73b" }, { 20, 20, 7, 20, 5, "dcbaab9cc097e98d" },
    };

    [Theory]
    [MemberData(nameof(PillowReference))]
    public void Matches_pillow_byte_for_byte(int width, int height, int newWidth, int newHeight, int filter, string sha256Prefix)
    {
        var resized = PilImageResizer.Resize(Pattern(width, height), newWidth, newHeight, (PilResampleFilter)filter);

        Assert.Equal((newWidth, newHeight), (resized.Width, resized.Height));
        Assert.Equal(sha256Prefix, Convert.ToHexStringLower(SHA256.HashData(resized.Pixels))[..16]);
    }

    // Pillow's resize followed by a centre crop ((w - cw) // 2, (h - ch) // 2), from
    // tests/fixtures/generate_pillow_image_references.py: the windowed resize must give the same bytes.
    public static TheoryData<int, int, int, int, int, int, int, string> PillowResizeThenCrop => new()
    {
        { 500, 375, 341, 256, 2, 224, 224, "17880afe653abd4f" },
        { 375, 500, 256, 341, 2, 224, 224, "762b6a234c6ef631" },
        { 300, 200, 336, 224, 3, 224, 224, "a9cb6a7ed330fe8d" },
        { 64, 48, 64, 30, 1, 50, 20, "8b706b27e6cb3002" },
        { 64, 48, 40, 48, 5, 31, 45, "b8c5aeca8494c8a9" },
        { 97, 61, 33, 21, 4, 33, 9, "aa770b4f50a77869" },
    };

    [Theory]
    [MemberData(nameof(PillowResizeThenCrop))]
    public void Windowed_resize_equals_pillow_resize_then_crop(int width, int height, int newWidth, int newHeight, int filter, int cropWidth, int cropHeight, string sha256Prefix)
    {
        var window = new PixelWindow((newWidth - cropWidth) / 2, (newHeight - cropHeight) / 2, cropWidth, cropHeight);

        var cropped = PilImageResizer.Resize(Pattern(width, height), newWidth, newHeight, (PilResampleFilter)filter, window);

        Assert.Equal((cropWidth, cropHeight), (cropped.Width, cropped.Height));
        Assert.Equal(sha256Prefix, Convert.ToHexStringLower(SHA256.HashData(cropped.Pixels))[..16]);
    }

    [Fact]
    public void Window_outside_the_resized_image_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            PilImageResizer.Resize(Pattern(10, 10), 5, 5, PilResampleFilter.Bilinear, new PixelWindow(2, 0, 4, 5)));
    }

    [Fact]
    public void Bilinear_shrink_weights_neighbours_like_pillow()
    {
        // Halving 4 columns: output 0 = (3a + 3b + c) / 7, output 1 = (b + 3c + 3d) / 7 (support widened to 2 px).
        var image = new RgbImage(4, 1, [0, 10, 20, 70, 80, 90, 140, 150, 160, 210, 220, 230]);

        var resized = PilImageResizer.Resize(image, 2, 1, PilResampleFilter.Bilinear);

        Assert.Equal(new byte[] { 50, 60, 70, 160, 170, 180 }, resized.Pixels);
    }

    [Fact]
    public void Same_size_is_returned_unchanged()
    {
        var image = Pattern(5, 4);
        Assert.Same(image, PilImageResizer.Resize(image, 5, 4, PilResampleFilter.Bicubic));
    }

    internal static RgbImage Pattern(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < 3; c++)
                    pixels[(y * width + x) * 3 + c] = (byte)((x * 37 + y * 91 + c * 53 + x * y * 7) % 256);
        return new RgbImage(width, height, pixels);
    }
}
