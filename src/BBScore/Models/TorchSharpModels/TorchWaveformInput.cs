using BBScore.Models.Onnx.Feeders;
using BBScore.Stimuli;
using TorchSharp;

namespace BBScore.Models.TorchSharpModels;

/// <summary>A batch as a network's input tensor: images or clips (<see cref="TorchImageInput"/>) or waveforms
/// (<see cref="TorchWaveformInput"/>).</summary>
public interface ITorchInput
{
    torch.Tensor ToTensor();

    /// <summary>Frames per clip when a clip batch runs frame by frame (outputs regrouped to (B, T, ...)); else null.</summary>
    int? FramesPerStimulus { get; }
}

/// <summary>Sounds as a waveform network takes them, (B, samples), built by the same <see cref="WaveformBatch"/> the
/// ONNX waveform feeder uses (resampled, normalised per sound, zero padded to the longest).</summary>
public sealed class TorchWaveformInput : ITorchInput
{
    readonly float[] _samples;
    readonly long[] _shape;

    public TorchWaveformInput(IReadOnlyList<Stimulus> batch, WaveformBatch waveform)
    {
        var (samples, rows, length) = waveform.Pack(batch);
        _samples = samples;
        _shape = [rows, length];
    }

    public int? FramesPerStimulus => null;

    public torch.Tensor ToTensor() => torch.tensor(_samples, _shape);
}
