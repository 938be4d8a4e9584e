using BBScore.Stimuli;
using BBScore.Stimuli.Audio;
using Microsoft.ML.OnnxRuntime;

namespace BBScore.Models.Onnx.Feeders;

/// <summary>Feeds a Whisper encoder (<c>input_features</c> [batch, mels, 3000]): each sound at 16 kHz
/// becomes its 30-second log-Mel spectrogram (<see cref="WhisperLogMel"/>). Rank-3 outputs, the
/// encoder's (B, 1500, D) states included, are averaged over time (<see cref="TimeMean"/>).</summary>
public sealed class OnnxLogMelFeeder(GraphInput input, WhisperLogMel logMel) : IOnnxInputFeeder
{
    /// <summary>Whisper hears 30 s at a time (shorter sounds are zero-padded to it).</summary>
    public double? AudioContextSeconds => (double)WhisperLogMel.ChunkSamples / WhisperLogMel.SampleRate;

    public string Description => $"16 kHz mono ({AudioResampler.Description}), {logMel.Description}; {TimeMean.Description}";

    public IReadOnlyList<string> InputNames => [input.Name];

    public Stimulus Probe() => AudioBatch.Silence(WhisperLogMel.SampleRate);

    public OnnxFeed Prepare(IReadOnlyList<Stimulus> batch)
    {
        var waves = AudioBatch.Waveforms(batch, WhisperLogMel.SampleRate);
        int perSound = logMel.Mels * WhisperLogMel.Frames;
        int total = waves.Length * perSound;
        float[] buffer = System.Buffers.ArrayPool<float>.Shared.Rent(total); // returned when the feed is disposed
        Parallel.For(0, waves.Length, b => logMel.Write(waves[b], buffer.AsSpan(b * perSound, perSound)));
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(buffer, 0, total),
            [waves.Length, logMel.Mels, WhisperLogMel.Frames]);
        return new OnnxFeed([input.Name], [value], waves.Length, TimeMean.Restore, () => System.Buffers.ArrayPool<float>.Shared.Return(buffer));
    }

    public void Dispose() { }
}
