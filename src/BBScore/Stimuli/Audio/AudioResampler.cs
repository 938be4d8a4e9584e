namespace BBScore.Stimuli.Audio;

/// <summary>Band-limited rational resampling, the same polyphase filter as
/// <c>scipy.signal.resample_poly(x, up, down)</c> with its defaults: up/down reduced by their gcd, a
/// linear-phase low-pass FIR of 2·10·max(up,down)+1 taps from <c>firwin</c> (cutoff 1/max(up,down) of
/// Nyquist, Kaiser window β = 5, unit DC gain) times <c>up</c>, zeros outside the signal, and the output
/// aligned on the filter's centre (ceil(n·up/down) samples). Computed in double and rounded to float32:
/// within 3e-7 of SciPy's float64 result on the fixture signals (see AudioPreprocessingFixtureTests).</summary>
public static class AudioResampler
{
    /// <summary>The sample rate every audio model of the original takes.</summary>
    public const int ModelRate = 16000;

    /// <summary>Changes whenever resampled values could change (part of model descriptions).</summary>
    public const string Description = "polyphase resampling as scipy.signal.resample_poly (Kaiser beta 5, 10 zero crossings)";

    /// <summary>The sound's samples at <paramref name="rate"/>: its own array when it already has that rate.</summary>
    public static float[] At(AudioStimulus sound, int rate) =>
        sound.SampleRate == rate ? sound.Samples : Resample(sound.Samples, sound.SampleRate, rate);

    public static float[] Resample(ReadOnlySpan<float> input, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        int gcd = Gcd(fromRate, toRate), up = toRate / gcd, down = fromRate / gcd;
        if (up == 1 && down == 1) return input.ToArray();
        double[] h = Filter(up, down);
        int halfLength = (h.Length - 1) / 2, n = input.Length;
        int outputs = (int)(((long)n * up + down - 1) / down);
        var output = new float[outputs];
        for (int m = 0; m < outputs; m++)
        {
            // y[m] = Σ_j x[j] · h[halfLength + m·down − j·up], over the j that land inside the filter.
            long centre = (long)halfLength + (long)m * down;
            long jFirst = Math.Max(0, (centre - (h.Length - 1) + up - 1) / up);
            long jLast = Math.Min(n - 1, centre / up);
            double sum = 0;
            for (long j = jFirst; j <= jLast; j++) sum += input[(int)j] * h[centre - j * up];
            output[m] = (float)sum;
        }
        return output;
    }

    /// <summary>scipy.signal.firwin(2·half+1, 1/max_rate, window=('kaiser', 5.0)) · up.</summary>
    static double[] Filter(int up, int down)
    {
        int maxRate = Math.Max(up, down), half = 10 * maxRate, taps = 2 * half + 1;
        double cutoff = 1.0 / maxRate, sum = 0;
        var h = new double[taps];
        for (int i = 0; i < taps; i++)
        {
            double m = i - half;
            double ratio = 2.0 * i / (taps - 1) - 1.0;
            double window = BesselI0(5.0 * Math.Sqrt(Math.Max(0, 1 - ratio * ratio))) / BesselI0(5.0);
            h[i] = cutoff * Sinc(cutoff * m) * window;
            sum += h[i];
        }
        for (int i = 0; i < taps; i++) h[i] = h[i] / sum * up;
        return h;
    }

    static double Sinc(double x) => x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);

    /// <summary>Modified Bessel function of the first kind, order 0 (power series; converges fast for β ≤ 20).</summary>
    static double BesselI0(double x)
    {
        double term = 1, sum = 1, quarter = x * x / 4;
        for (int k = 1; k < 200 && term > sum * 1e-17; k++)
        {
            term *= quarter / ((double)k * k);
            sum += term;
        }
        return sum;
    }

    static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
