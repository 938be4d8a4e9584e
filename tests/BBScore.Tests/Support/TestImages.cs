using SkiaSharp;

namespace BBScore.Tests.Support;

/// <summary>Writes small generated images for stimulus-folder tests.</summary>
public static class TestImages
{
    /// <summary>A <paramref name="size"/>² PNG: a horizontal red ramp scaled by <paramref name="seed"/>,
    /// green from the seed, a blue checkerboard; so images differ from each other and within themselves.</summary>
    public static void WritePng(string path, int seed, int size = 16, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 16 * (seed % 5 + 1) % 256), (byte)(seed * 37 % 256), (byte)((x / 4 + y / 4) % 2 * 200), 255));
        using var data = bitmap.Encode(format, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>Writes <paramref name="count"/> images img00.png, img01.png, ... into <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> WriteFolder(string folder, int count, int size = 16)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string path = Path.Combine(folder, $"img{i:D2}.png");
            WritePng(path, i, size);
            paths.Add(path);
        }
        return paths;
    }
}
