namespace BBScore.Models.WeightFree;

/// <summary>CIE L* of 8-bit RGB as pymoten computes it (moten.colorspace.rgb2lab, after Getreuer's
/// colorspace.m): inverse gamma ((v + 0.099)/1.099)^(1/0.45), or v/4.5138 where that is below 0.018;
/// Y from the inverse of pymoten's RGB←XYZ matrix; L* = 116·f(Y) − 16 with f(Y) = Y^(1/3), or
/// Y·841/108 + 4/29 below 0.008856. Range 0..100.</summary>
public static class Luminance
{
    // Row Y of the inverse of pymoten's XYZ→RGB matrix, computed once in double.
    static readonly double[] YRow = InverseRow1(
    [
        3.240479, -1.53715, -0.498535,
        -0.969256, 1.875992, 0.041556,
        0.055648, -0.204043, 1.057311,
    ]);

    // Lookup per byte value: linear light of v/255.
    static readonly double[] Linear = Enumerable.Range(0, 256).Select(v => InverseGamma(v / 255.0)).ToArray();

    /// <summary>L* of every pixel of an interleaved RGB image, row-major.</summary>
    public static double[] Of(byte[] rgb)
    {
        var result = new double[rgb.Length / 3];
        for (int i = 0; i < result.Length; i++)
        {
            double y = YRow[0] * Linear[rgb[3 * i]] + YRow[1] * Linear[rgb[3 * i + 1]] + YRow[2] * Linear[rgb[3 * i + 2]];
            double f = y < 0.008856 ? y * (841.0 / 108.0) + 4.0 / 29.0 : Math.Cbrt(y);
            result[i] = 116.0 * f - 16;
        }
        return result;
    }

    static double InverseGamma(double v)
    {
        double r = Math.Pow((v + 0.099) / 1.099, 1.0 / 0.45);
        return r < 0.018 ? v / 4.5138 : r;
    }

    /// <summary>Row 1 (Y) of the inverse of a row-major 3×3 matrix, by cofactors.</summary>
    static double[] InverseRow1(double[] m)
    {
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        return
        [
            -(m[3] * m[8] - m[5] * m[6]) / det,
            (m[0] * m[8] - m[2] * m[6]) / det,
            -(m[0] * m[5] - m[2] * m[3]) / det,
        ];
    }
}
