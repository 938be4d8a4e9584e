namespace BBScore.Stimuli.Audio;

/// <summary>The log-Mel spectrogram of transformers' <c>WhisperFeatureExtractor</c> (numpy path):
/// 16 kHz audio padded with zeros or cut to 30 s (480000 samples); STFT with n_fft 400, hop 160,
/// periodic Hann window, centred frames (reflect padding of 200); power spectrum; Slaney-style mel
/// filters over 0–8000 Hz with Slaney area normalisation; <c>log10(max(1e-10, mel))</c>; the last frame
/// dropped (3000 remain); clamped below at the maximum − 8; then <c>(x + 4) / 4</c>. Computed in double.</summary>
public sealed class WhisperLogMel
{
    public const int SampleRate = 16000, FftSize = 400, Hop = 160, ChunkSamples = 30 * SampleRate, Frames = ChunkSamples / Hop;
    const int Bins = FftSize / 2 + 1;

    // DFT tables (bins × FftSize) with the window folded in: a 400-point transform has no radix-2 shortcut,
    // and a table product is fast enough for 3000 frames (all-silent frames are skipped).
    static readonly Lazy<(double[] Cos, double[] Sin)> Tables = new(BuildTables);

    readonly double[] _filters; // mels × bins

    public WhisperLogMel(int mels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mels);
        Mels = mels;
        _filters = MelFilters(mels);
    }

    public int Mels { get; }

    public string Description =>
        $"WhisperFeatureExtractor log-Mel ({Mels} mels, n_fft {FftSize}, hop {Hop}, Hann, Slaney filters 0-8000 Hz, 30 s pad/trim, log10 clamp max-8, (x+4)/4)";

    /// <summary>Writes the (mels × 3000) features of a 16 kHz waveform into <paramref name="destination"/>, row-major.</summary>
    public void Write(ReadOnlySpan<float> samples, Span<float> destination)
    {
        if (destination.Length != Mels * Frames)
            throw new ArgumentException($"Destination holds {destination.Length} values, expected {Mels * Frames}.", nameof(destination));
        var (cos, sin) = Tables.Value;
        int length = Math.Min(samples.Length, ChunkSamples);
        var signal = new double[ChunkSamples];
        for (int i = 0; i < length; i++) signal[i] = samples[i];

        var logMel = new double[Mels * Frames];
        var frame = new double[FftSize];
        var power = new double[Bins];
        double floor = Math.Log10(1e-10);
        double max = double.NegativeInfinity;
        for (int t = 0; t < Frames; t++)
        {
            bool silent = true;
            for (int n = 0; n < FftSize; n++)
            {
                frame[n] = signal[Reflect(t * Hop + n - FftSize / 2)];
                silent &= frame[n] == 0;
            }
            if (silent)
            {
                for (int m = 0; m < Mels; m++) logMel[m * Frames + t] = floor;
                max = Math.Max(max, floor);
                continue;
            }
            for (int k = 0; k < Bins; k++)
            {
                double re = 0, im = 0;
                var cosRow = cos.AsSpan(k * FftSize, FftSize);
                var sinRow = sin.AsSpan(k * FftSize, FftSize);
                for (int n = 0; n < FftSize; n++)
                {
                    re += frame[n] * cosRow[n];
                    im += frame[n] * sinRow[n];
                }
                power[k] = re * re + im * im;
            }
            for (int m = 0; m < Mels; m++)
            {
                double energy = 0;
                var row = _filters.AsSpan(m * Bins, Bins);
                for (int k = 0; k < Bins; k++) energy += row[k] * power[k];
                double value = Math.Log10(Math.Max(1e-10, energy));
                logMel[m * Frames + t] = value;
                max = Math.Max(max, value);
            }
        }
        double lowest = max - 8.0;
        for (int i = 0; i < logMel.Length; i++) destination[i] = (float)((Math.Max(logMel[i], lowest) + 4.0) / 4.0);
    }

    /// <summary>Index into the zero-padded 30 s signal for numpy's reflect padding (edge not repeated).</summary>
    static int Reflect(int index) => index < 0 ? -index : index >= ChunkSamples ? 2 * (ChunkSamples - 1) - index : index;

    static (double[] Cos, double[] Sin) BuildTables()
    {
        var cos = new double[Bins * FftSize];
        var sin = new double[Bins * FftSize];
        for (int k = 0; k < Bins; k++)
            for (int n = 0; n < FftSize; n++)
            {
                double window = 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / FftSize); // periodic Hann (np.hanning(401)[:-1])
                double angle = 2 * Math.PI * ((long)k * n % FftSize) / FftSize;
                cos[k * FftSize + n] = window * Math.Cos(angle);
                sin[k * FftSize + n] = window * Math.Sin(angle);
            }
        return (cos, sin);
    }

    /// <summary>transformers' mel_filter_bank(201, mels, 0, 8000, 16000, norm="slaney", mel_scale="slaney"), as mels × bins.</summary>
    static double[] MelFilters(int mels)
    {
        double melMax = HertzToMel(8000.0);
        var edges = new double[mels + 2];
        for (int i = 0; i < edges.Length; i++) edges[i] = MelToHertz(melMax * i / (mels + 1));
        var filters = new double[mels * Bins];
        for (int m = 0; m < mels; m++)
        {
            double lower = edges[m], centre = edges[m + 1], upper = edges[m + 2];
            double area = 2.0 / (upper - lower);
            for (int k = 0; k < Bins; k++)
            {
                double frequency = k * (SampleRate / 2.0) / (Bins - 1);
                double down = (frequency - lower) / (centre - lower), up = (upper - frequency) / (upper - centre);
                filters[m * Bins + k] = Math.Max(0, Math.Min(down, up)) * area;
            }
        }
        return filters;
    }

    // Slaney mel scale: linear below 1 kHz (3 mels per 200 Hz), logarithmic above.
    const double MinLogHertz = 1000.0, MinLogMel = 15.0;
    static readonly double LogStep = 27.0 / Math.Log(6.4);

    static double HertzToMel(double hertz) => hertz >= MinLogHertz ? MinLogMel + Math.Log(hertz / MinLogHertz) * LogStep : 3.0 * hertz / 200.0;

    static double MelToHertz(double mel) => mel >= MinLogMel ? MinLogHertz * Math.Exp((mel - MinLogMel) / LogStep) : 200.0 * mel / 3.0;
}
