using BBScore.Models.Catalog;
using BBScore.Models.Onnx.Feeders;
using BBScore.Models.Preprocessing;
using Onnx;

namespace BBScore.Models.Onnx;

/// <summary>Picks the input feeder for a graph by the card's input kind: images (<see cref="OnnxImageFeeder"/>,
/// also for a bare .onnx file, whose kind is unknown), clips (<see cref="OnnxClipFeeder"/>), sounds
/// (waveform or Whisper log-Mel, told apart by the input's rank: <see cref="AudioFeederSetup"/>).</summary>
public static class OnnxFeeders
{
    /// <param name="graph">The (batch-freed) graph.</param>
    /// <param name="modelPath">The .onnx file; its folder may hold a preprocessor_config.json (and config.json).</param>
    /// <param name="kind">The card's input kind; null for a bare .onnx file (image assumed).</param>
    /// <param name="modelKey">The catalogue key, whose card's preprocessing text supplies frame counts and
    /// rates that the files beside the model do not; null for a bare file.</param>
    public static IOnnxInputFeeder For(GraphProto graph, string modelPath, InputKind? kind, string? modelKey = null)
    {
        string? cardText = modelKey is null ? null : ModelCards.Find(modelKey)?.Preprocessing;
        switch (kind ?? InputKind.Image)
        {
            case InputKind.Image:
                var input = OnnxImageInput.Find(graph);
                return new OnnxImageFeeder(input, new NormalizingImagePreprocessor(OnnxFileModel.PreprocessingFor(modelPath, input)));
            case InputKind.Video:
                return ClipFeederSetup.Create(graph, FeederConfig.Load(modelPath, cardText));
            case InputKind.Audio:
                return AudioFeederSetup.Create(graph, FeederConfig.Load(modelPath, cardText));
            case InputKind.Text:
                return OnnxTextFeeder.Create(graph, modelPath, modelKey);
            default:
                throw new NotSupportedException($"{kind} models cannot be run from ONNX yet.");
        }
    }
}
