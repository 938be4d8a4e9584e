using BBScore.Stimuli;
using BBScore.Stimuli.Audio;

namespace BBScore.Models.Onnx.Feeders;

/// <summary>A batch of sounds at the model's sample rate.</summary>
public static class AudioBatch
{
    /// <summary>Each stimulus's waveform resampled to <paramref name="rate"/> (<see cref="AudioResampler"/>);
    /// any other kind raises <see cref="NotSupportedException"/>.</summary>
    public static float[][] Waveforms(IReadOnlyList<Stimulus> batch, int rate) =>
        batch.Select(s => s is AudioStimulus audio
                ? AudioResampler.At(audio, rate)
                : throw new NotSupportedException($"An audio model takes sounds; this batch holds {StimulusBatch.KindsOf(batch)}."))
            .ToArray();

    /// <summary>One second of silence: the probe used to measure layer shapes.</summary>
    public static Stimulus Silence(int rate) => new AudioStimulus(new float[rate], rate);
}
