using System.Globalization;
using BBScore.Stimuli;
using BBScore.Stimuli.Audio;

namespace BBScore.Models.Onnx.Feeders;

/// <summary>A waveform model's input (wav2vec2, HuBERT: [batch, samples]) as <c>Wav2Vec2FeatureExtractor</c> makes it:
/// mono at <see cref="Rate"/>, and with <see cref="Normalize"/> each sound on its own to zero mean and unit variance,
/// <c>(x − mean) / sqrt(var + 1e-7)</c>; sounds of one batch are padded with zeros (after normalising) to the longest,
/// as the extractor's <c>padding=True</c>. Shared by the ONNX feeder and the TorchSharp networks, so both feed the same
/// numbers. <see cref="Rate"/> and <see cref="Normalize"/> come from preprocessor_config.json's <c>sampling_rate</c> and
/// <c>do_normalize</c>, defaults 16000 and true as <c>Wav2Vec2FeatureExtractor(sampling_rate=16000)</c>.</summary>
public sealed record WaveformBatch(int Rate, bool Normalize)
{
    /// <summary>What the original's <c>Wav2Vec2FeatureExtractor(sampling_rate=16000)</c> does, whatever the repository's
    /// preprocessor_config.json says (spec §3.3: the extractor is constructed, not loaded).</summary>
    public static WaveformBatch FeatureExtractorDefaults { get; } = new(AudioResampler.ModelRate, Normalize: true);

    public static WaveformBatch From(FeederConfig config) =>
        new(config.Number("sampling_rate") is double r ? (int)r : AudioResampler.ModelRate, config.Bool("do_normalize") ?? true);

    /// <param name="fixedLength">A graph's fixed sample count, when it has one.</param>
    public string Describe(int? fixedLength = null) =>
        $"mono waveform at {Rate.ToString(CultureInfo.InvariantCulture)} Hz ({AudioResampler.Description}), " +
        (Normalize ? "zero mean unit variance per sound (Wav2Vec2FeatureExtractor)" : "not normalised") +
        $", zero padded to the longest of the batch{(fixedLength is int n ? $" (fixed {n} samples)" : "")}; {TimeMean.Description}";

    /// <summary>Zero padding changes a waveform model's output (no attention mask is fed, as the original feeds none),
    /// so only sounds of one length share a batch; others run one at a time.</summary>
    public static bool SameLength(IReadOnlyList<Stimulus> batch) =>
        batch.OfType<AudioStimulus>().Select(a => (a.Samples.Length, a.SampleRate)).Distinct().Count() <= 1;

    /// <summary>The batch as one row-major [rows, length] buffer: each sound resampled, normalised, then zero padded
    /// (or cut) to <paramref name="fixedLength"/>, else to the longest.</summary>
    public (float[] Samples, int Rows, int Length) Pack(IReadOnlyList<Stimulus> batch, int? fixedLength = null)
    {
        var waves = AudioBatch.Waveforms(batch, Rate);
        int length = fixedLength ?? waves.Max(w => w.Length);
        var buffer = new float[waves.Length * length];
        for (int b = 0; b < waves.Length; b++)
        {
            var row = buffer.AsSpan(b * length, length);
            var wave = waves[b].AsSpan(0, Math.Min(length, waves[b].Length));
            if (Normalize) NormalizeInto(waves[b], row[..wave.Length]);
            else wave.CopyTo(row);
        }
        return (buffer, waves.Length, length);
    }

    /// <summary>Zero mean, unit variance over the whole sound (statistics in double; numpy's float32
    /// pairwise sums differ by about 1e-7 relative), written for the part that fits.</summary>
    public static void NormalizeInto(ReadOnlySpan<float> wave, Span<float> destination)
    {
        double mean = 0;
        foreach (float v in wave) mean += v;
        mean /= wave.Length;
        double variance = 0;
        foreach (float v in wave) variance += (v - mean) * (v - mean);
        variance /= wave.Length;
        double scale = 1.0 / Math.Sqrt(variance + 1e-7);
        for (int i = 0; i < destination.Length; i++) destination[i] = (float)((wave[i] - mean) * scale);
    }
}
