namespace BBScore.Stimuli;

/// <summary>Pillow's resampling filters, numbered as Pillow numbers them (the <c>resample</c> field of a
/// Hugging Face <c>preprocessor_config.json</c> uses these numbers).</summary>
public enum PilResampleFilter
{
    Nearest = 0,
    Lanczos = 1,
    Bilinear = 2,
    Bicubic = 3,
    Box = 4,
    Hamming = 5,
}

/// <summary>A port of Pillow's <c>Image.resize</c> for 8-bit RGB images (libImaging/Resample.c and the
/// nearest-neighbour scaling of Geometry.c). Hugging Face image processors and torchvision resize
/// through Pillow, so reproducing it byte for byte keeps our inputs equal to the Python original's.
/// No library on NuGet does this: other resizers (SkiaSharp, ImageSharp) use different kernels,
/// rounding and antialiasing.</summary>
/// <remarks>Two separable passes, horizontal first, each rounding to 8 bits; filter weights are
/// stretched by the scale factor when shrinking (antialiasing) and quantised to 22-bit fixed point,
/// exactly as Pillow does.</remarks>
public static class PilImageResizer
{
    // Pillow: 32 bits minus 8 bits of result minus 2 bits of headroom for negative lobes.
    const int PrecisionBits = 32 - 8 - 2;

    public static RgbImage Resize(RgbImage image, int width, int height, PilResampleFilter filter)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Target size must be positive.");
        if (width == image.Width && height == image.Height) return image;
        if (filter == PilResampleFilter.Nearest) return ResizeNearest(image, width, height);

        var (kernel, support) = Kernel(filter);
        var horizontal = Coefficients.Compute(image.Width, width, kernel, support);
        var vertical = Coefficients.Compute(image.Height, height, kernel, support);

        byte[] pixels = image.Pixels;
        int currentWidth = image.Width, rowOffset = 0;
        if (width != image.Width)
        {
            // Like Pillow, the horizontal pass only covers the source rows the vertical pass reads.
            int firstRow = vertical.Start[0];
            int lastRow = vertical.Start[height - 1] + vertical.Count[height - 1];
            pixels = PassHorizontal(pixels, image.Width, firstRow, lastRow - firstRow, horizontal, width);
            currentWidth = width;
            rowOffset = firstRow;
        }
        if (height != image.Height)
            pixels = PassVertical(pixels, currentWidth, rowOffset, vertical, height);
        return new RgbImage(width, height, pixels);
    }

    static byte[] PassHorizontal(byte[] source, int sourceWidth, int firstRow, int rows, Coefficients c, int width)
    {
        var result = new byte[width * rows * 3];
        for (int y = 0; y < rows; y++)
        {
            int sourceRow = (y + firstRow) * sourceWidth * 3;
            for (int x = 0; x < width; x++)
            {
                int start = c.Start[x], count = c.Count[x], k = x * c.KernelSize;
                int s0 = 1 << (PrecisionBits - 1), s1 = s0, s2 = s0;
                for (int i = 0; i < count; i++)
                {
                    int p = sourceRow + (start + i) * 3, w = c.Weights[k + i];
                    s0 += source[p] * w;
                    s1 += source[p + 1] * w;
                    s2 += source[p + 2] * w;
                }
                int o = (y * width + x) * 3;
                result[o] = Clip8(s0);
                result[o + 1] = Clip8(s1);
                result[o + 2] = Clip8(s2);
            }
        }
        return result;
    }

    static byte[] PassVertical(byte[] source, int width, int rowOffset, Coefficients c, int height)
    {
        var result = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            int start = c.Start[y] - rowOffset, count = c.Count[y], k = y * c.KernelSize;
            for (int x = 0; x < width; x++)
            {
                int s0 = 1 << (PrecisionBits - 1), s1 = s0, s2 = s0;
                for (int i = 0; i < count; i++)
                {
                    int p = ((start + i) * width + x) * 3, w = c.Weights[k + i];
                    s0 += source[p] * w;
                    s1 += source[p + 1] * w;
                    s2 += source[p + 2] * w;
                }
                int o = (y * width + x) * 3;
                result[o] = Clip8(s0);
                result[o + 1] = Clip8(s1);
                result[o + 2] = Clip8(s2);
            }
        }
        return result;
    }

    static byte Clip8(int sum) => (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);

    /// <summary>Pillow maps output pixel centres to input coordinates, accumulating the step in double
    /// (ImagingScaleAffine), and truncates.</summary>
    static RgbImage ResizeNearest(RgbImage image, int width, int height)
    {
        double stepX = (double)image.Width / width, stepY = (double)image.Height / height;
        var columns = new int[width];
        double xo = stepX * 0.5;
        for (int x = 0; x < width; x++)
        {
            columns[x] = Math.Min(image.Width - 1, (int)xo);
            xo += stepX;
        }
        var result = new byte[width * height * 3];
        double yo = stepY * 0.5;
        for (int y = 0; y < height; y++)
        {
            int row = Math.Min(image.Height - 1, (int)yo) * image.Width;
            yo += stepY;
            for (int x = 0; x < width; x++)
            {
                int s = (row + columns[x]) * 3, o = (y * width + x) * 3;
                result[o] = image.Pixels[s];
                result[o + 1] = image.Pixels[s + 1];
                result[o + 2] = image.Pixels[s + 2];
            }
        }
        return new RgbImage(width, height, result);
    }

    static (Func<double, double> Kernel, double Support) Kernel(PilResampleFilter filter) => filter switch
    {
        PilResampleFilter.Box => (x => x > -0.5 && x <= 0.5 ? 1.0 : 0.0, 0.5),
        PilResampleFilter.Bilinear => (Bilinear, 1.0),
        PilResampleFilter.Hamming => (Hamming, 1.0),
        PilResampleFilter.Bicubic => (Bicubic, 2.0),
        PilResampleFilter.Lanczos => (x => -3.0 <= x && x < 3.0 ? Sinc(x) * Sinc(x / 3) : 0.0, 3.0),
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown Pillow resampling filter."),
    };

    static double Bilinear(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    static double Hamming(double x)
    {
        x = Math.Abs(x);
        if (x == 0.0) return 1.0;
        if (x >= 1.0) return 0.0;
        x *= Math.PI;
        // Pillow writes the constants as C floats (0.54f, 0.46f): keep their single-precision values.
        return Math.Sin(x) / x * (0.54f + 0.46f * Math.Cos(x));
    }

    static double Bicubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }

    static double Sinc(double x)
    {
        if (x == 0.0) return 1.0;
        x *= Math.PI;
        return Math.Sin(x) / x;
    }

    /// <summary>Per output pixel: first source pixel, number of taps and fixed-point weights
    /// (Pillow's precompute_coeffs + normalize_coeffs_8bpc).</summary>
    sealed class Coefficients
    {
        public required int KernelSize { get; init; }
        public required int[] Start { get; init; }
        public required int[] Count { get; init; }
        public required int[] Weights { get; init; }

        public static Coefficients Compute(int inSize, int outSize, Func<double, double> kernel, double baseSupport)
        {
            double scale = (double)inSize / outSize;
            double filterScale = Math.Max(scale, 1.0);
            double support = baseSupport * filterScale;
            int kernelSize = (int)Math.Ceiling(support) * 2 + 1;
            var start = new int[outSize];
            var count = new int[outSize];
            var weights = new int[outSize * kernelSize];
            var taps = new double[kernelSize];
            for (int xx = 0; xx < outSize; xx++)
            {
                double center = (xx + 0.5) * scale;
                double inverse = 1.0 / filterScale;
                int xmin = Math.Max(0, (int)(center - support + 0.5));
                int xmax = Math.Min(inSize, (int)(center + support + 0.5)) - xmin;
                double total = 0.0;
                for (int x = 0; x < xmax; x++)
                {
                    taps[x] = kernel((x + xmin - center + 0.5) * inverse);
                    total += taps[x];
                }
                for (int x = 0; x < xmax; x++)
                {
                    double w = total != 0.0 ? taps[x] / total : taps[x];
                    weights[xx * kernelSize + x] = w < 0
                        ? (int)(-0.5 + w * (1 << PrecisionBits))
                        : (int)(0.5 + w * (1 << PrecisionBits));
                }
                start[xx] = xmin;
                count[xx] = xmax;
            }
            return new Coefficients { KernelSize = kernelSize, Start = start, Count = count, Weights = weights };
        }
    }
}
