using BBScore.Stimuli;
using Microsoft.ML.OnnxRuntime;

namespace BBScore.Models.Onnx.Feeders;

/// <summary>Feeds a waveform model (wav2vec2, HuBERT: <c>input_values</c> [batch, samples]) as
/// <c>Wav2Vec2FeatureExtractor</c> does (<see cref="WaveformBatch"/>); a graph with a fixed length gets every sound
/// padded or cut to it. Rank-3 outputs are averaged over time (<see cref="TimeMean"/>).</summary>
public sealed class OnnxWaveformFeeder(GraphInput input, WaveformBatch waveform) : IOnnxInputFeeder
{
    public string Description => waveform.Describe(input.Dims[1]);

    public IReadOnlyList<string> InputNames => [input.Name];

    public Stimulus Probe() => AudioBatch.Silence(waveform.Rate);

    /// <summary>Sounds of different lengths run one at a time (<see cref="WaveformBatch.SameLength"/>) unless the graph
    /// fixes the length.</summary>
    public bool BatchesTogether(IReadOnlyList<Stimulus> batch) => input.Dims[1] is not null || WaveformBatch.SameLength(batch);

    public OnnxFeed Prepare(IReadOnlyList<Stimulus> batch)
    {
        var (samples, rows, length) = waveform.Pack(batch, input.Dims[1]);
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(samples), [rows, length]);
        return new OnnxFeed([input.Name], [value], rows, TimeMean.Restore);
    }

    public void Dispose() { }
}
