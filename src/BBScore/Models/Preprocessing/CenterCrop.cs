using BBScore.Stimuli;

namespace BBScore.Models.Preprocessing;

/// <summary>transformers' <c>center_crop</c>: integer-floored offsets, and zero padding (centred, extra
/// row/column at the top/left) when the crop is larger than the image.</summary>
public static class CenterCrop
{
    /// <summary>The crop's window when it lies inside a <paramref name="imageWidth"/> × <paramref name="imageHeight"/>
    /// image (no padding needed), else null.</summary>
    public static PixelWindow? Inside(int imageHeight, int imageWidth, int height, int width) =>
        height <= imageHeight && width <= imageWidth
            ? new PixelWindow(FloorDiv(imageWidth - width, 2), FloorDiv(imageHeight - height, 2), width, height)
            : null;

    public static RgbImage Apply(RgbImage image, int height, int width)
    {
        if (Inside(image.Height, image.Width, height, width) is { } window) return window.Cut(image);
        // Place the image on a zero canvas at least as large as the crop, then cut the crop's window.
        int canvasHeight = Math.Max(height, image.Height), canvasWidth = Math.Max(width, image.Width);
        int padTop = (canvasHeight - image.Height + 1) / 2, padLeft = (canvasWidth - image.Width + 1) / 2;
        int top = FloorDiv(image.Height - height, 2) + padTop, left = FloorDiv(image.Width - width, 2) + padLeft;
        int rowStart = Math.Max(0, top), rowEnd = Math.Min(canvasHeight, top + height);
        int columnStart = Math.Max(0, left), columnEnd = Math.Min(canvasWidth, left + width);
        int outHeight = rowEnd - rowStart, outWidth = columnEnd - columnStart;

        var pixels = new byte[outHeight * outWidth * 3];
        for (int y = 0; y < outHeight; y++)
        {
            int sourceY = rowStart + y - padTop;
            if (sourceY < 0 || sourceY >= image.Height) continue;
            for (int x = 0; x < outWidth; x++)
            {
                int sourceX = columnStart + x - padLeft;
                if (sourceX < 0 || sourceX >= image.Width) continue;
                Array.Copy(image.Pixels, (sourceY * image.Width + sourceX) * 3, pixels, (y * outWidth + x) * 3, 3);
            }
        }
        return new RgbImage(outWidth, outHeight, pixels);
    }

    static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);
}
