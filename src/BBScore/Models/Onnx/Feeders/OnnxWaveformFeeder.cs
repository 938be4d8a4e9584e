using System.Globalization;
using BBScore.Stimuli;
using BBScore.Stimuli.Audio;
using Microsoft.ML.OnnxRuntime;

namespace BBScore.Models.Onnx.Feeders;

/// <summary>Feeds a waveform model (wav2vec2, HuBERT: <c>input_values</c> [batch, samples]) as
/// <c>Wav2Vec2FeatureExtractor</c> does: mono at <paramref name="rate"/>, and with
/// <paramref name="normalize"/> each sound on its own to zero mean and unit variance,
/// <c>(x − mean) / sqrt(var + 1e-7)</c>. Sounds of one batch are padded with zeros (after normalising)
/// to the longest, as the extractor's <c>padding=True</c>; a graph with a fixed length gets every sound
/// padded or cut to it. Rank-3 outputs are averaged over time (<see cref="TimeMean"/>).</summary>
public sealed class OnnxWaveformFeeder(GraphInput input, int rate, bool normalize) : IOnnxInputFeeder
{
    public string Description =>
        $"mono waveform at {rate.ToString(CultureInfo.InvariantCulture)} Hz ({AudioResampler.Description}), " +
        (normalize ? "zero mean unit variance per sound (Wav2Vec2FeatureExtractor)" : "not normalised") +
        $", zero padded to the longest of the batch{(input.Dims[1] is int n ? $" (fixed {n} samples)" : "")}; {TimeMean.Description}";

    public IReadOnlyList<string> InputNames => [input.Name];

    public Stimulus Probe() => AudioBatch.Silence(rate);

    /// <summary>Zero padding changes a waveform model's output (no attention mask is fed), so sounds of
    /// different lengths run one at a time unless the graph fixes the length.</summary>
    public bool BatchesTogether(IReadOnlyList<Stimulus> batch) =>
        input.Dims[1] is not null || batch.OfType<AudioStimulus>().Select(a => (a.Samples.Length, a.SampleRate)).Distinct().Count() <= 1;

    public OnnxFeed Prepare(IReadOnlyList<Stimulus> batch)
    {
        var waves = AudioBatch.Waveforms(batch, rate);
        int length = input.Dims[1] ?? waves.Max(w => w.Length);
        var buffer = new float[waves.Length * length];
        for (int b = 0; b < waves.Length; b++)
        {
            var row = buffer.AsSpan(b * length, length);
            var wave = waves[b].AsSpan(0, Math.Min(length, waves[b].Length));
            if (normalize) Normalize(waves[b], row[..wave.Length]);
            else wave.CopyTo(row);
        }
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(buffer), [waves.Length, length]);
        return new OnnxFeed([input.Name], [value], waves.Length, TimeMean.Restore);
    }

    /// <summary>Zero mean, unit variance over the whole sound (statistics in double; numpy's float32
    /// pairwise sums differ by about 1e-7 relative), written for the part that fits.</summary>
    public static void Normalize(ReadOnlySpan<float> wave, Span<float> destination)
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

    public void Dispose() { }
}
