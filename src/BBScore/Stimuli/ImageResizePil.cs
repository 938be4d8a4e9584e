using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    public static RgbImage Resize(RgbImage image, int width, int height, PilResampleFilter filter) =>
        Resize(image, width, height, filter, PixelWindow.Whole(width, height));

    /// <summary>Resizes to <paramref name="width"/> × <paramref name="height"/> and keeps <paramref name="window"/>
    /// of the result, computing only the window's pixels: a resize followed by a crop, in less time, with
    /// the same bytes (each output pixel depends only on its own coordinates).</summary>
    public static RgbImage Resize(RgbImage image, int width, int height, PilResampleFilter filter, PixelWindow window)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Target size must be positive.");
        if (!window.FitsIn(width, height))
            throw new ArgumentOutOfRangeException(nameof(window), $"The window {window} does not fit in a {width}x{height} image.");
        if (width == image.Width && height == image.Height) return window.Cut(image);
        if (filter == PilResampleFilter.Nearest) return window.Cut(ResizeNearest(image, width, height));

        var (kernel, support) = Kernel(filter);
        var horizontal = Coefficients.Compute(image.Width, width, kernel, support).Window(window.Left, window.Width);
        var vertical = Coefficients.Compute(image.Height, height, kernel, support).Window(window.Top, window.Height);

        // Like Pillow, the horizontal pass only covers the source rows the vertical pass reads.
        int firstRow = window.Top, rows = window.Height;
        if (height != image.Height)
        {
            firstRow = vertical.Start[0];
            rows = vertical.Start[^1] + vertical.Count[^1] - firstRow;
        }
        // Each pass writes every byte of its buffer, so pooled buffers need no clearing. The intermediate rows (a
        // pass's output or a plain cut) are this method's own and go back to the pool here; the result may be
        // recycled by whoever is done with it.
        byte[] pixels = width != image.Width
            ? PassHorizontal(image.Pixels, image.Width, firstRow, rows, horizontal, window.Width)
            : (window with { Top = 0, Height = rows }).CutRows(image.Pixels, image.Width, firstRow);
        if (height != image.Height)
        {
            byte[] intermediate = pixels;
            pixels = PassVertical(intermediate, window.Width, firstRow, vertical, window.Height);
            PixelBufferPool.Return(intermediate);
        }
        return RgbImage.Pooled(window.Width, window.Height, pixels);
    }

    // Both passes are Pillow's integer arithmetic, vectorised; the rounding and clipping are Pillow's, so
    // the bytes are identical to the scalar form. The horizontal pass widens each source row once to
    // (R, G, B, 0) ints and sums two taps per 256-bit step; the vertical pass sums whole rows (contiguous
    // bytes) 32 at a time.
    static byte[] PassHorizontal(byte[] source, int sourceWidth, int firstRow, int rows, Coefficients c, int width)
    {
        var result = PixelBufferPool.Rent(width * rows * 3);
        var pairs = c.TapPairs();
        int pairStride = (c.KernelSize + 1) / 2 * 8;
        // Zero pixels after the row, so the last tap pair may read past the last pixel (its weight is zero).
        var wide = new int[(sourceWidth + c.KernelSize + 1) * 4];
        ref byte src = ref MemoryMarshal.GetArrayDataReference(source);
        ref int row = ref MemoryMarshal.GetArrayDataReference(wide);
        ref int weights = ref MemoryMarshal.GetArrayDataReference(pairs);
        var half = Vector128.Create(1 << (PrecisionBits - 1));
        for (int y = 0; y < rows; y++)
        {
            int sourceRow = (y + firstRow) * sourceWidth * 3;
            for (int x = 0; x < sourceWidth; x++) Pixel(ref src, sourceRow + x * 3).StoreUnsafe(ref row, (nuint)(x * 4));
            for (int x = 0; x < width; x++)
            {
                int tapPairs = (c.Count[x] + 1) / 2;
                nuint p = (nuint)(c.Start[x] * 4), w = (nuint)(x * pairStride);
                var sum = Vector256<int>.Zero;
                for (int i = 0; i < tapPairs; i++, p += 8, w += 8)
                    sum += Vector256.LoadUnsafe(ref row, p) * Vector256.LoadUnsafe(ref weights, w);
                var clipped = Clip8(sum.GetLower() + sum.GetUpper() + half);
                int o = (y * width + x) * 3;
                result[o] = (byte)clipped.GetElement(0);
                result[o + 1] = (byte)clipped.GetElement(1);
                result[o + 2] = (byte)clipped.GetElement(2);
            }
        }
        return result;
    }

    /// <summary>One RGB pixel as (R, G, B, 0); reads exactly three bytes, so the last pixel is safe.</summary>
    static Vector128<int> Pixel(ref byte source, int offset)
    {
        uint packed = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref source, offset)) | ((uint)Unsafe.Add(ref source, offset + 2) << 16);
        return Vector128.WidenLower(Vector128.WidenLower(Vector128.CreateScalar(packed).AsByte())).AsInt32();
    }

    static byte[] PassVertical(byte[] source, int width, int rowOffset, Coefficients c, int height)
    {
        int rowBytes = width * 3;
        var result = PixelBufferPool.Rent(rowBytes * height);
        ref byte src = ref MemoryMarshal.GetArrayDataReference(source);
        ref byte dst = ref MemoryMarshal.GetArrayDataReference(result);
        var half = Vector256.Create(1 << (PrecisionBits - 1));
        for (int y = 0; y < height; y++)
        {
            int start = c.Start[y] - rowOffset, count = c.Count[y], k = y * c.KernelSize;
            int first = start * rowBytes, output = y * rowBytes, b = 0;
            for (; b + Vector256<byte>.Count <= rowBytes; b += Vector256<byte>.Count)
            {
                Vector256<int> s0 = half, s1 = half, s2 = half, s3 = half;
                for (int i = 0; i < count; i++)
                {
                    var w = Vector256.Create(c.Weights[k + i]);
                    var bytes = Vector256.LoadUnsafe(ref src, (nuint)(first + i * rowBytes + b));
                    var (low, high) = Vector256.Widen(bytes);
                    var (q0, q1) = Vector256.Widen(low);
                    var (q2, q3) = Vector256.Widen(high);
                    s0 += q0.AsInt32() * w;
                    s1 += q1.AsInt32() * w;
                    s2 += q2.AsInt32() * w;
                    s3 += q3.AsInt32() * w;
                }
                var packed = Vector256.Narrow(
                    Vector256.Narrow(Clip8(s0).AsUInt32(), Clip8(s1).AsUInt32()),
                    Vector256.Narrow(Clip8(s2).AsUInt32(), Clip8(s3).AsUInt32()));
                packed.StoreUnsafe(ref dst, (nuint)(output + b));
            }
            for (; b < rowBytes; b++)
            {
                int sum = 1 << (PrecisionBits - 1);
                for (int i = 0; i < count; i++) sum += source[first + i * rowBytes + b] * c.Weights[k + i];
                result[output + b] = Clip8(sum);
            }
        }
        return result;
    }

    static Vector128<int> Clip8(Vector128<int> sum) =>
        Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(sum, PrecisionBits), Vector128<int>.Zero), Vector128.Create(255));

    static Vector256<int> Clip8(Vector256<int> sum) =>
        Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(sum, PrecisionBits), Vector256<int>.Zero), Vector256.Create(255));

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

        /// <summary>The coefficients of output pixels <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1.</summary>
        public Coefficients Window(int first, int count) =>
            first == 0 && count == Start.Length ? this : new Coefficients
            {
                KernelSize = KernelSize,
                Start = Start[first..(first + count)],
                Count = Count[first..(first + count)],
                Weights = Weights[(first * KernelSize)..((first + count) * KernelSize)],
            };

        /// <summary>The weights laid out for the vectorised horizontal pass: per output pixel, per pair of
        /// taps, the first weight four times then the second four times (zeros past the last tap).</summary>
        public int[] TapPairs()
        {
            int pairs = (KernelSize + 1) / 2, outSize = Start.Length;
            var laid = new int[outSize * pairs * 8];
            for (int x = 0; x < outSize; x++)
                for (int i = 0; i < Count[x]; i++)
                    laid.AsSpan(x * pairs * 8 + i * 4, 4).Fill(Weights[x * KernelSize + i]);
            return laid;
        }
    }
}
