using BBScore.Stimuli.Audio;
using Onnx;

namespace BBScore.Models.Onnx.Feeders;

/// <summary>Builds the feeder of a sound graph from its input's rank: [batch, samples] is a waveform
/// model (wav2vec2, HuBERT; its settings from preprocessor_config.json, <see cref="WaveformBatch.From"/>); [batch, mels, 3000]
/// is a Whisper encoder (mels from the graph, else <c>feature_size</c>, else 80).</summary>
public static class AudioFeederSetup
{
    public static Onnx.IOnnxInputFeeder Create(GraphProto graph, FeederConfig config)
    {
        var input = GraphInput.Single(graph, "audio model");
        switch (input.Rank)
        {
            case 2:
                return new OnnxWaveformFeeder(input, WaveformBatch.From(config));
            case 3:
                if (input.Dims[2] is int frames && frames != WhisperLogMel.Frames)
                    throw new NotSupportedException(
                        $"Graph input '{input.Name}' {input.ShapeText}: a log-Mel (Whisper) encoder takes {WhisperLogMel.Frames} frames (30 s), not {frames}.");
                if (config.Number("sampling_rate") is double s && (int)s != WhisperLogMel.SampleRate)
                    throw new NotSupportedException($"{config.PreprocessorPath}: sampling_rate {s}; the Whisper log-Mel features are defined at {WhisperLogMel.SampleRate} Hz.");
                int mels = input.Dims[1] ?? MelsOfFirstConv(graph, input.Name) ?? (config.Number("feature_size") is double f ? (int)f : 80);
                return new OnnxLogMelFeeder(input, new WhisperLogMel(mels));
            default:
                throw new NotSupportedException(
                    $"Graph input '{input.Name}' {input.ShapeText}: an audio model takes a waveform [batch, samples] or Whisper log-Mel features [batch, mels, 3000].");
        }
    }

    /// <summary>The mel count an export with a free mel axis still fixes: the input channels of the Conv that
    /// reads the features (Whisper's conv1 weight is [d_model, mels, 3]), so large-v3 gets its 128 without a config.</summary>
    static int? MelsOfFirstConv(GraphProto graph, string inputName)
    {
        var conv = graph.Node.FirstOrDefault(n => n.OpType == "Conv" && n.Input.Count > 1 && n.Input[0] == inputName);
        var weight = conv is null ? null : graph.Initializer.FirstOrDefault(t => t.Name == conv.Input[1]);
        return weight is { Dims.Count: 3 } ? (int)weight.Dims[1] : null;
    }
}
