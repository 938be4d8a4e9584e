using System.Runtime.InteropServices;
using SkiaSharp;

namespace BBScore.Stimuli;

/// <summary>Resizes RGB images with SkiaSharp's high-quality sampling: the Mitchell cubic resampler,
/// which is what SkiaSharp maps its former <c>SKFilterQuality.High</c> to. The aspect ratio is not kept.</summary>
public static class SkiaImageResizer
{
    public const string Description = "SkiaSharp Mitchell cubic (B=1/3, C=1/3), aspect ratio not kept";

    public static RgbImage ResizeHighQuality(RgbImage image, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Target size must be positive.");
        if (width == image.Width && height == image.Height) return image;

        // Skia has no 24-bit pixel format: go through opaque RGBA.
        byte[] source = ToRgba(image.Pixels);
        var target = new byte[width * height * 4];
        var sourceHandle = GCHandle.Alloc(source, GCHandleType.Pinned);
        var targetHandle = GCHandle.Alloc(target, GCHandleType.Pinned);
        try
        {
            var sourceInfo = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            var targetInfo = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            using var sourcePixmap = new SKPixmap(sourceInfo, sourceHandle.AddrOfPinnedObject(), sourceInfo.RowBytes);
            using var targetPixmap = new SKPixmap(targetInfo, targetHandle.AddrOfPinnedObject(), targetInfo.RowBytes);
            if (!sourcePixmap.ScalePixels(targetPixmap, new SKSamplingOptions(SKCubicResampler.Mitchell)))
                throw new InvalidOperationException($"SkiaSharp could not resize a {image.Width}x{image.Height} image to {width}x{height}.");
        }
        finally
        {
            sourceHandle.Free();
            targetHandle.Free();
        }
        return new RgbImage(width, height, ToRgb(target));
    }

    static byte[] ToRgba(byte[] rgb)
    {
        var rgba = new byte[rgb.Length / 3 * 4];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgba[j] = rgb[i];
            rgba[j + 1] = rgb[i + 1];
            rgba[j + 2] = rgb[i + 2];
            rgba[j + 3] = 255;
        }
        return rgba;
    }

    /// <summary>Drops the alpha byte of every RGBA pixel (also used by the image-file decoder).</summary>
    internal static byte[] ToRgb(byte[] rgba)
    {
        var rgb = new byte[rgba.Length / 4 * 3];
        for (int i = 0, j = 0; j < rgba.Length; i += 3, j += 4)
        {
            rgb[i] = rgba[j];
            rgb[i + 1] = rgba[j + 1];
            rgb[i + 2] = rgba[j + 2];
        }
        return rgb;
    }
}
