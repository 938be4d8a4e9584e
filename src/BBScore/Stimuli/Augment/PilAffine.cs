namespace BBScore.Stimuli.Augment;

/// <summary>PIL's <c>Image.transform(size, AFFINE, data, resample, fillcolor)</c> on an RGB image (Pillow 9.4,
/// libImaging/Geometry.c): every output pixel centre (x + ½, y + ½) is mapped through the inverse matrix
/// <c>(a, b, c, d, e, f)</c> into the source; samples falling outside the source keep the fill colour. The filters are
/// PIL's own (not a textbook bilinear/bicubic): bilinear truncates instead of rounding, bicubic is the a = -1 kernel with
/// edge rows repeated and results clipped then truncated, so that outputs match PIL byte for byte.</summary>
public static class PilAffine
{
    public static RgbImage Transform(RgbImage source, ReadOnlySpan<double> matrix, PilResample resample, byte fill)
    {
        if (matrix.Length != 6) throw new ArgumentException("An affine transform takes six coefficients.", nameof(matrix));
        int w = source.Width, h = source.Height;
        var output = new byte[w * h * 3];
        Array.Fill(output, fill);
        byte[] input = source.Pixels;
        double a0 = matrix[0], a1 = matrix[1], a2 = matrix[2], a3 = matrix[3], a4 = matrix[4], a5 = matrix[5];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                double xo = x + 0.5, yo = y + 0.5;
                double xin = a0 * xo + a1 * yo + a2, yin = a3 * xo + a4 * yo + a5;
                // PIL's filters refuse samples outside [0, size): the pixel keeps the fill colour.
                if (xin < 0.0 || xin >= w || yin < 0.0 || yin >= h) continue;
                int at = (y * w + x) * 3;
                if (resample == PilResample.Bilinear) Bilinear(input, w, h, xin, yin, output, at);
                else Bicubic(input, w, h, xin, yin, output, at);
            }
        }
        return new RgbImage(w, h, output);
    }

    /// <summary>C's <c>FLOOR</c> macro: truncation for non-negative values, floor below zero.</summary>
    static int Floor(double v) => v < 0.0 ? (int)Math.Floor(v) : (int)v;

    static int Clip(int v, int size) => v < 0 ? 0 : v < size ? v : size - 1;

    static void Bilinear(byte[] src, int w, int h, double xin, double yin, byte[] dst, int at)
    {
        xin -= 0.5;
        yin -= 0.5;
        int x = Floor(xin), y = Floor(yin);
        double dx = xin - x, dy = yin - y;
        int x0 = Clip(x, w), x1 = Clip(x + 1, w);
        int row0 = Clip(y, h) * w;
        bool nextRow = y + 1 >= 0 && y + 1 < h;
        for (int b = 0; b < 3; b++)
        {
            double v1 = Lerp(src[(row0 + x0) * 3 + b], src[(row0 + x1) * 3 + b], dx);
            double v2 = nextRow ? Lerp(src[((y + 1) * w + x0) * 3 + b], src[((y + 1) * w + x1) * 3 + b], dx) : v1;
            dst[at + b] = (byte)(v1 + (v2 - v1) * dy);
        }
    }

    static double Lerp(int a, int b, double d) => a + (b - a) * d;

    static void Bicubic(byte[] src, int w, int h, double xin, double yin, byte[] dst, int at)
    {
        xin -= 0.5;
        yin -= 0.5;
        int x = Floor(xin) - 1, y = Floor(yin) - 1;
        double dx = xin - (x + 1), dy = yin - (y + 1);
        Span<int> cols = [Clip(x, w), Clip(x + 1, w), Clip(x + 2, w), Clip(x + 3, w)];
        for (int b = 0; b < 3; b++)
        {
            // Rows past the bottom repeat the row above them; the first row is clipped to the top edge (PIL's order).
            double r1 = Row(src, w, Clip(y, h), cols, b, dx);
            double r2 = y + 1 >= 0 && y + 1 < h ? Row(src, w, y + 1, cols, b, dx) : r1;
            double r3 = y + 2 >= 0 && y + 2 < h ? Row(src, w, y + 2, cols, b, dx) : r2;
            double r4 = y + 3 >= 0 && y + 3 < h ? Row(src, w, y + 3, cols, b, dx) : r3;
            double v = Cubic(r1, r2, r3, r4, dy);
            dst[at + b] = v <= 0.0 ? (byte)0 : v >= 255.0 ? (byte)255 : (byte)v;
        }
    }

    static double Row(byte[] src, int w, int row, ReadOnlySpan<int> cols, int b, double dx)
    {
        int start = row * w;
        return Cubic(src[(start + cols[0]) * 3 + b], src[(start + cols[1]) * 3 + b],
                     src[(start + cols[2]) * 3 + b], src[(start + cols[3]) * 3 + b], dx);
    }

    /// <summary>PIL's <c>BICUBIC</c> macro, operation for operation (the order decides the last bit).</summary>
    static double Cubic(double v1, double v2, double v3, double v4, double d)
    {
        double p1 = v2;
        double p2 = -v1 + v3;
        double p3 = 2 * (v1 - v2) + v3 - v4;
        double p4 = -v1 + v2 - v3 + v4;
        return p1 + d * (p2 + d * (p3 + d * p4));
    }
}
