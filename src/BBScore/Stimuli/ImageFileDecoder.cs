using SkiaSharp;

namespace BBScore.Stimuli;

/// <summary>Decodes an image file (PNG, JPEG, BMP, GIF, WebP) into an 8-bit <see cref="RgbImage"/>
/// the way Pillow's <c>Image.open(path).convert("RGB")</c> does for the original's image datasets:
/// the first frame, grey expanded to RGB, alpha dropped (not blended), no EXIF rotation and no
/// colour-profile conversion. JPEG goes through libjpeg-turbo (<see cref="TurboJpegDecoder"/>, what
/// Pillow uses) when the system has it; everything else, and JPEG without it, through SkiaSharp.</summary>
public static class ImageFileDecoder
{
    /// <summary>File extensions (lower case) read as images.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    /// <summary>Changes whenever decoding could change pixels, so content hashes (and cached features) change too.
    /// Both JPEG paths run libjpeg-turbo's accurate IDCT and fancy upsampling (SkiaSharp bundles its own copy)
    /// and give Pillow's pixels on the test files, so the path taken is not part of it.</summary>
    public const string Description = "SkiaSharp decode, first frame, RGBA unpremultiplied, alpha dropped";

    public static bool HasImageExtension(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="path"/> names the file in errors.</summary>
    public static RgbImage Decode(byte[] bytes, string path) => TurboJpegDecoder.TryDecode(bytes) ?? DecodeWithSkia(bytes, path);

    /// <summary>SkiaSharp's decode, for every format (the fallback when libjpeg-turbo does not apply).</summary>
    public static RgbImage DecodeWithSkia(byte[] bytes, string path)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException(
            $"{path}: not a readable image; supported formats are {string.Join(", ", Extensions)}. Convert it (e.g. to PNG) or remove it from the stimulus list.");
        RequirePixelLimit(codec.Info.Width, codec.Info.Height, bytes.Length, path);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var result = codec.GetPixels(info, out byte[] rgba);
        if (result != SKCodecResult.Success)
            throw new InvalidDataException($"{path}: the image could not be decoded ({result}); the file may be truncated or damaged. Re-save it or remove it from the stimulus list.");
        return new RgbImage(info.Width, info.Height, SkiaImageResizer.ToRgb(rgba));
    }

    /// <summary>Whether an image of this size may be decoded from a file of <paramref name="fileBytes"/> bytes: positive
    /// sides, at most <see cref="Formats.ReadLimits.MaxImagePixels"/> pixels (Pillow's decompression-bomb threshold) and
    /// at most <see cref="Formats.ReadLimits.MaxPixelsPerImageByte"/> pixels per byte of the file.</summary>
    public static bool WithinPixelLimit(long width, long height, long fileBytes) =>
        width > 0 && height > 0 && width <= Math.Min(Formats.ReadLimits.MaxImagePixels, EncodablePixels(fileBytes)) / height;

    static long EncodablePixels(long fileBytes) =>
        Math.Max(Formats.ReadLimits.MinImagePixelAllowance, Math.Min(fileBytes, long.MaxValue / Formats.ReadLimits.MaxPixelsPerImageByte) * Formats.ReadLimits.MaxPixelsPerImageByte);

    /// <summary>Refuses, from the header alone, an image larger than the limits: its pixel buffer would be
    /// gigabytes (a 60000×60000 PNG is a few hundred bytes and 14 GB decoded).</summary>
    static void RequirePixelLimit(int width, int height, long fileBytes, string path)
    {
        if (WithinPixelLimit(width, height, fileBytes)) return;
        if ((long)width * height > Formats.ReadLimits.MaxImagePixels || width <= 0 || height <= 0)
            throw new InvalidDataException(
                $"{path}: the image declares {width}×{height} pixels; at most {Formats.ReadLimits.MaxImagePixels} pixels are decoded " +
                "(Pillow's decompression-bomb limit). Downscale it or remove it from the stimulus list.");
        throw new InvalidDataException(
            $"{path}: the image declares {width}×{height} pixels, more than its {fileBytes} bytes can encode " +
            $"({Formats.ReadLimits.MaxPixelsPerImageByte} pixels a byte); the file is damaged or hostile. Re-save it or remove it from the stimulus list.");
    }

    /// <summary>Reads and decodes a file.</summary>
    public static RgbImage Decode(string path) => Decode(ReadBytes(path), path);

    /// <summary>The file's bytes; a missing or unreadable file is an <see cref="IOException"/> naming it.</summary>
    public static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot read stimulus image {path}: {e.Message}", e);
        }
    }
}
