using BBScore.Stimuli;

namespace BBScore.Models.Preprocessing;

/// <summary>transformers' <c>center_crop</c>: integer-floored offsets, and zero padding (centred, extra
/// row/column at the top/left) when the crop is larger than the image.</summary>
public static class CenterCrop
{
    public static RgbImage Apply(RgbImage image, int height, int width)
    {
        if (height == image.Height && width == image.Width) return image;
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
