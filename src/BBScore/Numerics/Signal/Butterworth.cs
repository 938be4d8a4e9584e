using System.Numerics;

namespace BBScore.Numerics.Signal;

/// <summary>Digital Butterworth filter design, reproducing <c>scipy.signal.butter(order, Wn, btype, output='ba')</c>
/// step by step (so the coefficients agree with SciPy to rounding): the analog prototype of <c>buttap</c>, the
/// pre-warping of <c>iirfilter</c> with fs = 2, the <c>lp2hp_zpk</c> / <c>lp2lp_zpk</c> transform, the
/// <c>bilinear_zpk</c> transform and the polynomial expansion of <c>zpk2tf</c>, whose conjugate-pair roots give
/// real coefficients (the real parts are kept).</summary>
public static class Butterworth
{
    /// <summary>SciPy designs digital filters with a sampling frequency of 2, so Wn = 1 is the Nyquist frequency.</summary>
    private const double DesignSamplingRate = 2.0;

    /// <summary><c>scipy.signal.butter(order, normalizedCutoff, btype='highpass', output='ba')</c>.</summary>
    /// <param name="order">Filter order N (at least 1); b and a both have N + 1 coefficients.</param>
    /// <param name="normalizedCutoff">Cutoff as a fraction of the Nyquist frequency, strictly between 0 and 1.</param>
    /// <returns>Numerator B and denominator A (A[0] = 1).</returns>
    public static (double[] B, double[] A) HighPass(int order, double normalizedCutoff)
    {
        double warped = Prewarp(order, normalizedCutoff);
        Complex[] prototypePoles = PrototypePoles(order);
        // lp2hp_zpk: the prototype has no finite zeros, so inversion puts all N zeros at the origin; poles become
        // wo / p, and the gain is k * real(prod(-z) / prod(-p)) = real(1 / prod(-p)).
        Complex[] zeros = new Complex[order];
        Complex[] poles = prototypePoles.Select(p => warped / p).ToArray();
        double gain = (Complex.One / Product(prototypePoles.Select(p => -p))).Real;
        return Bilinear(zeros, poles, gain);
    }

    /// <summary><c>scipy.signal.butter(order, normalizedCutoff, btype='lowpass', output='ba')</c>.</summary>
    /// <param name="order">Filter order N (at least 1).</param>
    /// <param name="normalizedCutoff">Cutoff as a fraction of the Nyquist frequency, strictly between 0 and 1.</param>
    public static (double[] B, double[] A) LowPass(int order, double normalizedCutoff)
    {
        double warped = Prewarp(order, normalizedCutoff);
        // lp2lp_zpk: poles scale by wo, and the gain by wo^degree (degree = N, no finite zeros).
        Complex[] poles = PrototypePoles(order).Select(p => warped * p).ToArray();
        double gain = Math.Pow(warped, order);
        return Bilinear([], poles, gain);
    }

    /// <summary>iirfilter's pre-warping: warped = 2 fs tan(pi Wn / fs) with fs = 2, after its range check.</summary>
    private static double Prewarp(int order, double normalizedCutoff)
    {
        if (order < 1)
            throw new ArgumentOutOfRangeException(nameof(order), order, "A Butterworth filter needs an order of at least 1.");
        if (!(normalizedCutoff > 0 && normalizedCutoff < 1))
            throw new ArgumentOutOfRangeException(nameof(normalizedCutoff), normalizedCutoff,
                "Digital filter critical frequencies must be 0 < Wn < 1 (a fraction of the Nyquist frequency).");
        return 2 * DesignSamplingRate * Math.Tan(Math.PI * normalizedCutoff / DesignSamplingRate);
    }

    /// <summary>buttap: p = -exp(1j pi m / (2N)) for m = -N+1, -N+3, ..., N-1 (the middle pole, m = 0, is exactly -1).</summary>
    private static Complex[] PrototypePoles(int order)
    {
        var poles = new Complex[order];
        for (int i = 0; i < order; i++)
        {
            int m = -order + 1 + 2 * i;
            poles[i] = -Complex.Exp(Complex.ImaginaryOne * (Math.PI * m / (2 * order)));
        }
        return poles;
    }

    /// <summary>bilinear_zpk with fs = 2 followed by zpk2tf: z -> (2fs + z) / (2fs - z), zeros at infinity go to -1,
    /// the gain is multiplied by real(prod(2fs - z) / prod(2fs - p)), then b = k poly(z) and a = poly(p).</summary>
    private static (double[] B, double[] A) Bilinear(Complex[] zeros, Complex[] poles, double gain)
    {
        const double fs2 = 2.0 * DesignSamplingRate;
        int degree = poles.Length - zeros.Length;
        Complex[] digitalZeros = zeros.Select(z => (fs2 + z) / (fs2 - z))
            .Concat(Enumerable.Repeat(new Complex(-1, 0), degree)).ToArray();
        Complex[] digitalPoles = poles.Select(p => (fs2 + p) / (fs2 - p)).ToArray();
        double digitalGain = gain * (Product(zeros.Select(z => fs2 - z)) / Product(poles.Select(p => fs2 - p))).Real;
        double[] b = RealPolynomial(digitalZeros).Select(c => digitalGain * c).ToArray();
        double[] a = RealPolynomial(digitalPoles);
        return (b, a);
    }

    private static Complex Product(IEnumerable<Complex> values)
    {
        Complex product = Complex.One;
        foreach (Complex v in values) product *= v;
        return product;
    }

    /// <summary>numpy.poly: coefficients of prod (x - r), highest power first, built by repeated convolution with
    /// [1, -r]. Butterworth roots come in conjugate pairs (or are real), so the imaginary parts are rounding
    /// noise and, as in zpk2tf, only the real parts are kept.</summary>
    private static double[] RealPolynomial(Complex[] roots)
    {
        var coefficients = new Complex[roots.Length + 1];
        coefficients[0] = Complex.One;
        for (int k = 0; k < roots.Length; k++)
        {
            for (int i = k + 1; i >= 1; i--)
                coefficients[i] -= roots[k] * coefficients[i - 1];
        }
        return coefficients.Select(c => c.Real).ToArray();
    }
}
